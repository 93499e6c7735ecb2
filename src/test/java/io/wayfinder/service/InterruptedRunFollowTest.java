package io.wayfinder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 defect 1, the workbench side: a followed run whose process was killed used to show "following" forever.
 * Now the run's lease shows it interrupted (process gone), and resuming it from the workbench takes it over.
 */
class InterruptedRunFollowTest {
    @TempDir
    Path dir;

    @Test
    void aFollowedRunWhoseProcessIsKilledShowsInterruptedAndResumesToTheEnd() throws Exception {
        Path data = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent().getParent();
        Path project = dir.resolve("paced.json");
        Files.writeString(project, Files.readString(Path.of("sample-projects", "nas201-random.json"))
                .replace("\"scale\": 0.01", "\"scale\": 0.01, \"simulatedMillis\": 10")
                .replace("\"spaces/nas-bench-201.json\"", "\"" + Path.of("sample-projects/spaces/nas-bench-201.json")
                        .toAbsolutePath() + "\""));
        Path db = dir.resolve("runs.db");
        int trials = 400;
        String java = ProcessHandle.current().info().command().orElse("java");
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.wayfinder.cli.Main", "run", project.toString(), "--trials", Integer.toString(trials), "--store",
                db.toString(), "--data", data.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("owner.log").toFile()).start();
        try (RunStore store = RunStores.open(db);
             SearchService service = new SearchService(new Searches(store, data, dir))) {
            await(() -> store.run(1).isPresent() && store.countObserved(1) >= 20, "the other process's trials", owner);
            service.attach(1);
            await(() -> service.progress().state() == SearchService.State.FOLLOWING, "following", null);
            List<RunFollower.Batch> batches = new CopyOnWriteArrayList<>();
            try (RunFollower follower = new RunFollower(store, 1, batches::add, 50, 10).start()) {
                await(() -> !batches.isEmpty(), "a first batch", null);
                assertThat(batches.get(0).interrupted()).isNull();
                assertThat(batches.get(0).state()).isEqualTo("running");

                owner.destroyForcibly(); // SIGKILL: the run stays "running" in the store
                owner.waitFor(30, TimeUnit.SECONDS);
                assertThat(store.run(1).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

                await(() -> service.progress().state() == SearchService.State.INTERRUPTED, "interrupted", null);
                assertThat(service.progress().message()).contains("process " + owner.pid()).contains("stopped: the process no longer exists")
                        .contains("resume");
                await(() -> batches.get(batches.size() - 1).interrupted() != null, "the follower to see it", null);
                assertThat(batches.get(batches.size() - 1).state()).isEqualTo("interrupted");
            }
            service.resumeRun(1);
            await(() -> service.progress().state() == SearchService.State.FINISHED, "the resumed run to finish", null);
            List<TrialRecord> done = store.observedTrials(1, -1);
            assertThat(done).hasSize(trials);
            assertThat(done.stream().map(TrialRecord::seq).distinct().count()).isEqualTo(trials);
            assertThat(store.lease(1)).isEmpty();
        } finally {
            owner.destroyForcibly();
        }
    }

    private static void await(BooleanSupplier condition, String what, Process p) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the other process may still be creating the schema
            }
            if (System.currentTimeMillis() > end || (p != null && !p.isAlive())) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
