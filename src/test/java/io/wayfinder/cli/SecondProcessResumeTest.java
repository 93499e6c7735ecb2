package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 defect 1, reproduced: {@code wayfinder resume RUN} while another process executes the run used to fail
 * with a UNIQUE-constraint error, mark the run failed and make the owner die with IllegalStateException.
 */
class SecondProcessResumeTest {
    @TempDir
    Path dir;

    @Test
    void resumeOfARunAnotherLiveProcessExecutesIsRefusedAndTheOwnerFinishesUndisturbed() throws Exception {
        Path data = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent().getParent();
        Path project = dir.resolve("paced.json");
        Files.writeString(project, Files.readString(Path.of("sample-projects", "nas201-random.json"))
                .replace("\"scale\": 0.01", "\"scale\": 0.01, \"simulatedMillis\": 10")
                .replace("\"spaces/nas-bench-201.json\"", "\"" + Path.of("sample-projects/spaces/nas-bench-201.json")
                        .toAbsolutePath() + "\""));
        Path store = dir.resolve("runs.db");
        int trials = 300;
        String java = ProcessHandle.current().info().command().orElse("java");
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", project.toString(), "--trials", Integer.toString(trials), "--store", store.toString(), "--data",
                data.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("owner.log").toFile()).start();
        try {
            KillSoak.waitForTrials(store, 1, 30, owner);
            for (int attempt = 0; attempt < 3; attempt++) {
                CliRunner.Result second = CliRunner.run("resume", "1", "--store", store.toString(), "--data",
                        data.toString());
                assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(2);
                assertThat(second.err().strip()).startsWith("error: run 1 is being executed by process " + owner.pid())
                        .doesNotContain("\n").doesNotContain("Exception");
                Thread.sleep(100);
            }
            assertThat(owner.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(owner.exitValue()).as(Files.readString(dir.resolve("owner.log"))).isZero();
        } finally {
            owner.destroyForcibly();
        }
        try (RunStore s = RunStores.open(store)) {
            assertThat(s.run(1).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
            List<TrialRecord> done = s.observedTrials(1, -1);
            assertThat(done).hasSize(trials);
            assertThat(done.stream().map(TrialRecord::seq).distinct().count()).isEqualTo(trials);
            assertThat(s.lease(1)).as("released at the end").isEmpty();
        }
    }
}
