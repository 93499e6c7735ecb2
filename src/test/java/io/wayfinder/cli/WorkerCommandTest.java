package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.store.PostgresCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the distributed commands: one line, exit 2, no stack trace, no password. */
class WorkerCommandTest {
    @TempDir
    Path dir;

    @Test
    void badThreadsAndLeaseAreOneLineErrors() {
        CliRunner.Result threads = CliRunner.run("worker", "--threads", "0", "--store", dir.resolve("s.db").toString());
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err().strip()).startsWith("error: --threads").doesNotContain("\n").doesNotContain("at io.");
        CliRunner.Result lease = CliRunner.run("worker", "--lease", "-1", "--store", dir.resolve("s.db").toString());
        assertThat(lease.exitCode()).isEqualTo(2);
        assertThat(lease.err().strip()).startsWith("error: --lease").doesNotContain("\n");
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword() {
        CliRunner.Result r = CliRunner.run("runs", "--store", "postgresql://me:s3cret@127.0.0.1:1/nowhere");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: cannot connect to run store postgresql://127.0.0.1:1/nowhere")
                .doesNotContain("s3cret").doesNotContain("\n");
    }

    @Test
    void aWorkerWithoutTheRunsDataStopsInOneLineInsteadOfFailingEveryTrial() throws Exception {
        java.nio.file.Path data = io.wayfinder.TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent()
                .getParent();
        String url = PostgresCluster.get().newDatabase();
        try (io.wayfinder.store.RunStore store = io.wayfinder.store.RunStores.open(url);
             var search = new io.wayfinder.service.Searches(store, data, dir.resolve("cache")).start(
                     io.wayfinder.project.ProjectCodec.read(java.nio.file.Path.of("sample-projects/nas201-random.json"))
                             .withTrialsPerTask(3))) {
            long trial = store.startTrial(search.runId(), new io.wayfinder.run.TrialStart(0, 1, 0,
                    new int[] {0, 0, 0, 0, 0, 0}, "{}", 1, 0, "{}", 1));
            store.enqueueTrial(search.runId(), trial);
            java.nio.file.Files.createDirectories(dir.resolve("empty"));
            CliRunner.Result r = CliRunner.run("worker", "--run", Long.toString(search.runId()), "--store", url,
                    "--data", dir.resolve("empty").toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).contains("cannot train trials of run " + search.runId() + " on this machine")
                    .doesNotContain("\n");
            assertThat(store.submittedResults(search.runId())).as("no failed result was reported").isEmpty();
        }
    }

    @Test
    void aWorkerForAMissingRunSaysSo() {
        String url = PostgresCluster.get().newDatabase();
        CliRunner.Result r = CliRunner.run("worker", "--run", "7", "--store", url);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("no run 7").doesNotContain("\n");
    }
}
