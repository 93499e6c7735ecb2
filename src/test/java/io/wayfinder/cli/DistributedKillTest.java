package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.project.Project;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.service.Searches;
import io.wayfinder.store.PostgresCluster;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distributed AML run on the NAS-Bench-201 table through a real PostgreSQL: a coordinator JVM and four worker JVMs,
 * killed with SIGKILL at random moments and started again (the coordinator with {@code resume}). At the end every
 * trial is counted exactly once, every counted trial names its worker, and the controller state the run checkpointed
 * equals a replay of the stored trials from scratch.
 */
class DistributedKillTest {
    @TempDir
    Path dir;

    @Test
    void coordinatorAndWorkersKilledAtRandomStillCountEveryTrialOnceAndMatchAReplay() throws Exception {
        soak(12, 1500, 40, 19);
    }

    /** {@code mvn -Psoak test -Dtest=DistributedKillTest}: many more kills over a longer run. */
    @Test
    @Tag("soak")
    void soakWithSixtyKills() throws Exception {
        soak(60, 6000, 40, 1019);
    }

    private final List<Process> all = new ArrayList<>();
    private int started;

    private Process java(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("p" + (started++) + "-" + args[0] + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        all.add(p);
        return p;
    }

    private void soak(int kills, int trials, int trialMillis, long seed) throws Exception {
        Path data = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent().getParent();
        String url = PostgresCluster.get().newDatabase();
        Path project = dir.resolve("paced.json");
        Files.writeString(project, Files.readString(Path.of("sample-projects", "nas201-aml-cifar100.json"))
                .replace("\"scale\": 0.01", "\"scale\": 0.01, \"simulatedMillis\": " + trialMillis)
                .replace("\"spaces/nas-bench-201.json\"", "\"" + Path.of("sample-projects/spaces/nas-bench-201.json")
                        .toAbsolutePath() + "\"")
                .replace("\"checkpointEvery\": 100", "\"checkpointEvery\": 25"));
        String[] common = {"--store", url, "--lease", "2", "--data", data.toString()};
        String[] coordinatorArgs = concat(new String[] {"run", project.toString(), "--trials", Integer.toString(trials),
                "--workers", "0"}, common);
        String[] resumeArgs = concat(new String[] {"resume", "1", "--workers", "0"}, common);
        String[] workerArgs = concat(new String[] {"worker", "--run", "1"}, common);
        Random random = new Random(seed);
        int coordinatorKills = 0;
        int workerKills = 0;
        try (RunStore store = RunStores.open(url)) {
            Process[] procs = new Process[5];
            procs[0] = java(coordinatorArgs);
            waitFor(() -> !store.runs().isEmpty(), 120, "the run to be created");
            for (int i = 1; i < procs.length; i++) {
                procs[i] = java(workerArgs);
            }
            waitFor(() -> store.countObserved(1) > 0, 120, "the first result");
            while (coordinatorKills + workerKills < kills) {
                Thread.sleep(800 + random.nextInt(1700));
                if (store.run(1).orElseThrow().status() == RunStatus.FINISHED) {
                    break;
                }
                int victim = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(4);
                procs[victim].destroyForcibly(); // SIGKILL to the JVM itself
                procs[victim].waitFor(30, TimeUnit.SECONDS);
                if (victim == 0) {
                    coordinatorKills++;
                    procs[0] = java(resumeArgs);
                } else {
                    workerKills++;
                    procs[victim] = java(workerArgs);
                }
            }
            assertThat(coordinatorKills + workerKills).as("kills before the run ended (raise the budget)")
                    .isEqualTo(kills);
            assertThat(coordinatorKills).isPositive();
            waitFor(() -> store.run(1).orElseThrow().status() == RunStatus.FINISHED, 300, "the run to finish");
            for (Process p : procs) {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("a process exits after the run").isTrue();
            }
            assertThat(procs[0].exitValue()).isZero();

            RunRecord run = store.run(1).orElseThrow();
            List<TrialRecord> counted = store.observedTrials(1, -1);
            assertThat(counted).hasSize(trials);
            Map<Integer, Long> perSeq = counted.stream().collect(Collectors.groupingBy(TrialRecord::seq,
                    Collectors.counting()));
            assertThat(perSeq.keySet()).hasSize(trials).allSatisfy(seq -> assertThat(seq).isBetween(0, trials - 1));
            assertThat(perSeq.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
            assertThat(counted).extracting(TrialRecord::observeOrder).doesNotHaveDuplicates()
                    .allSatisfy(o -> assertThat(o).isBetween(0, trials - 1));
            Map<Long, String> workers = store.trialWorkers(1);
            assertThat(counted).allSatisfy(t -> assertThat(workers).containsKey(t.id()));
            long interrupted = store.trials(1).stream().filter(t -> t.status() == TrialStatus.INTERRUPTED).count();

            Project stored = Searches.storedProject(run);
            byte[] replayed = SearchLoop.replayedStrategyState(store, 1, stored,
                    new Searches(store, data, dir.resolve("cache")).strategyOf(stored));
            byte[] checkpointed = SearchLoop.strategyState(store.latestCheckpoint(1, SearchLoop.CHECKPOINT_KIND)
                    .orElseThrow().state());
            assertThat(replayed).as("the controller state equals a replay of the stored trials")
                    .isEqualTo(checkpointed);
            CliRunner.Result export = CliRunner.run("export", "1", "--format", "csv", "--store", url);
            assertThat(export.exitCode()).isZero();
            List<String> rows = export.out().lines().toList();
            int workerColumn = List.of(rows.get(0).split(",")).indexOf("worker");
            assertThat(workerColumn).isPositive();
            assertThat(rows.subList(1, rows.size())).filteredOn(r -> r.contains(",complete,"))
                    .hasSize(trials).allSatisfy(r -> assertThat(r.split(",")[workerColumn]).matches(".+:\\d+"));
            CliRunner.Result runs = CliRunner.run("runs", "--store", url);
            assertThat(runs.out()).contains("\tworker ").contains("stopped").doesNotContain("wayfinder@");
            int staleness = counted.stream().mapToInt(t -> t.observeOrder() - t.observedAtProposal()).max().orElse(0);
            System.out.printf("distributed kill soak: %d kills (%d coordinator, %d worker), %d trials counted once, "
                            + "%d interrupted attempts redone, %d workers recorded, max staleness %d%n", kills,
                    coordinatorKills, workerKills, trials, interrupted, workers.values().stream().distinct().count(),
                    staleness);
        } catch (AssertionError | RuntimeException e) {
            for (Path log : Files.list(dir).filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                System.err.println("---- " + log.getFileName() + " (last lines)");
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(System.err::println);
            }
            throw e;
        } finally {
            all.forEach(Process::destroyForcibly);
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static void waitFor(Condition c, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                if (c.holds()) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                // not there yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
