package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.exec.SearchLoop;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill soak: a learning search (aml, its controller trained on every trial) runs in a child JVM that is killed
 * with SIGKILL at random moments (during JVM start, schema creation, trials, checkpoints) at least 20 times, resumed
 * each time; at the end every trial is counted exactly once, the history equals an uninterrupted run's and so does
 * the controller's final state, byte for byte. {@code -Pwayfinder.soak.scale=N} (the {@code soak} profile: 10)
 * multiplies kills and trials.
 */
class KillSoakTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledAtRandomMomentsAndResumedEachTimeEqualsAnUninterruptedOne() throws Exception {
        int scale = Integer.getInteger("wayfinder.soak.scale", 1);
        int kills = 20 * scale;
        int trials = 300 * scale;
        long seed = Long.getLong("wayfinder.soak.seed", 20261204L);
        Path project = ToyTabular.write(dir, "{\"name\": \"aml\", \"settings\": {\"learningRate\": 0.02}}",
                ", \"simulatedMillis\": 2", trials);
        Path killed = dir.resolve("killed.db");
        Random random = new Random(seed);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> log = new ArrayList<>();
        int done = 0;
        long started = System.nanoTime();
        int killedAlive = 0;
        for (int k = 0; killedAlive < kills && k < 3 * kills; k++) {
            boolean exists = runExists(killed);
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(exists ? List.of("resume", "1", "--store", killed.toString())
                    : List.of("run", project.toString(), "--store", killed.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child-" + k + ".log").toFile()).start();
            // a random moment: after 0 to 12 more trials (0: anywhere in start-up), plus 0 to 15 ms
            int more = random.nextInt(13);
            int target = Math.min(trials - 1, done + more);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (p.isAlive() && System.nanoTime() < deadline && (more == 0 ? false : count(killed) < target)) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(16));
            boolean alive = p.isAlive();
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int now = count(killed);
            if (alive) {
                killedAlive++;
            } else {
                assertThat(p.exitValue()).as("a child that ended before its kill ended well: "
                        + Files.readString(dir.resolve("child-" + k + ".log"))).isZero();
            }
            log.add("kill " + k + ": " + (alive ? "killed" : "had ended (exit " + p.exitValue() + ")") + " at " + now
                    + " trials");
            assertThat(now).as("nothing counted is lost: " + log).isGreaterThanOrEqualTo(done);
            done = now;
        }
        // the last resume runs to the end
        CliRunner.Result last = runExists(killed) ? CliRunner.run("resume", "1", "--store", killed.toString())
                : CliRunner.run("run", project.toString(), "--store", killed.toString());
        assertThat(last.exitCode()).as(last.out() + last.err() + log).isZero();
        long killedNanos = System.nanoTime() - started;

        Path whole = dir.resolve("whole.db");
        assertThat(CliRunner.run("run", project.toString(), "--store", whole.toString()).exitCode()).isZero();

        try (RunStore a = RunStores.open(killed); RunStore b = RunStores.open(whole)) {
            assertThat(a.run(1).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
            List<TrialRecord> counted = a.observedTrials(1, -1);
            assertThat(counted).hasSize(trials);
            Map<Integer, Long> perSeq = counted.stream()
                    .collect(Collectors.groupingBy(TrialRecord::seq, Collectors.counting()));
            assertThat(perSeq).as("every trial exactly once").hasSize(trials)
                    .allSatisfy((seq, n) -> assertThat(n).isEqualTo(1L));
            assertThat(history(counted)).isEqualTo(history(b.observedTrials(1, -1)));
            byte[] killedController = SearchLoop.strategyState(
                    a.latestCheckpoint(1, SearchLoop.CHECKPOINT_KIND).orElseThrow().state());
            byte[] wholeController = SearchLoop.strategyState(
                    b.latestCheckpoint(1, SearchLoop.CHECKPOINT_KIND).orElseThrow().state());
            assertThat(killedController).as("controller state equal to the uninterrupted run's")
                    .isEqualTo(wholeController);
            assertThat(a.lease(1)).isEmpty();
        }
        assertThat(killedAlive).as(String.join("\n", log)).isGreaterThanOrEqualTo(kills);
        System.out.printf("kill soak: %d SIGKILLs of a live child, %d trials, %.1f s of kills and resumes (load %s)"
                + "%n  %s%n", killedAlive, trials, killedNanos / 1e9, Files.readString(Path.of("/proc/loadavg")).strip(),
                String.join("\n  ", log));
    }

    private static List<String> history(List<TrialRecord> trials) {
        return trials.stream().map(t -> t.seq() + " " + java.util.Arrays.toString(t.configuration()) + " "
                + t.reward()).toList();
    }

    private static boolean runExists(Path store) {
        if (!Files.exists(store)) {
            return false;
        }
        try (RunStore s = RunStores.open(store)) {
            return s.run(1).isPresent();
        }
    }

    private static int count(Path store) {
        if (!Files.exists(store)) {
            return 0;
        }
        try (RunStore s = RunStores.open(store)) {
            return s.run(1).isPresent() ? s.countObserved(1) : 0;
        } catch (RuntimeException e) {
            return 0; // the child is creating the schema
        }
    }
}
