package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.store.SqliteRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code kill -9} of a running search process, then {@code wayfinder resume}. */
class KillAndResumeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nas201-random.json", "nas201-aml-cifar100.json"})
    void killedRunResumesWithEveryTrialExactlyOnceAndMatchesAnUninterruptedRun(String sample) throws Exception {
        Path data = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent().getParent();
        Path project = dir.resolve("paced.json");
        Files.writeString(project, Files.readString(Path.of("sample-projects", sample))
                .replace("\"scale\": 0.01", "\"scale\": 0.01, \"simulatedMillis\": 4")
                .replace("\"spaces/nas-bench-201.json\"", "\"" + Path.of("sample-projects/spaces/nas-bench-201.json")
                        .toAbsolutePath() + "\"")
                .replace("\"checkpointEvery\": 100", "\"checkpointEvery\": 50"));
        Path killedStore = dir.resolve("killed.db");
        int trials = 400;

        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                project.toString(), "--trials", Integer.toString(trials), "--store", killedStore.toString(), "--data",
                data.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            waitForTrials(killedStore, 120, p, dir.resolve("child.log"));
        } finally {
            p.destroyForcibly(); // SIGKILL
            p.waitFor(30, TimeUnit.SECONDS);
        }
        int before;
        try (SqliteRunStore s = SqliteRunStore.open(killedStore)) {
            before = s.countObserved(1);
            assertThat(before).isBetween(120, trials - 1);
            assertThat(s.trials(1)).filteredOn(t -> t.status() == TrialStatus.RUNNING).hasSizeLessThanOrEqualTo(1);
        }

        CliRunner.Result resumed = CliRunner.run("resume", "1", "--store", killedStore.toString(), "--data",
                data.toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();

        Path wholeStore = dir.resolve("whole.db");
        assertThat(CliRunner.run("run", project.toString(), "--trials", Integer.toString(trials), "--store",
                wholeStore.toString(), "--data", data.toString()).exitCode()).isZero();

        try (SqliteRunStore killed = SqliteRunStore.open(killedStore);
             SqliteRunStore whole = SqliteRunStore.open(wholeStore)) {
            List<TrialRecord> done = killed.observedTrials(1, -1);
            assertThat(done).hasSize(trials);
            Map<Integer, Long> perSeq = done.stream().collect(Collectors.groupingBy(TrialRecord::seq, Collectors.counting()));
            assertThat(perSeq).hasSize(trials).allSatisfy((seq, n) -> assertThat(n).isEqualTo(1L));
            assertThat(history(done)).isEqualTo(history(whole.observedTrials(1, -1)));
        }
    }

    private static List<String> history(List<TrialRecord> trials) {
        return trials.stream().map(t -> t.seq() + " " + t.values() + " " + t.reward()).toList();
    }

    private static void waitForTrials(Path store, int n, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            // open the store only once the child has created it and its run (says "store ..."): two processes
            // creating one new SQLite file at once can meet SQLITE_BUSY while it switches to WAL
            if (Files.exists(store) && Files.exists(log) && Files.readString(log).contains("store ")) {
                try (SqliteRunStore s = SqliteRunStore.open(store)) {
                    if (!s.runs().isEmpty() && s.countObserved(1) >= n) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // the child may still be creating the schema
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child process did not reach " + n + " trials (alive: " + p.isAlive() + "); its "
                + "output:\n" + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }
}
