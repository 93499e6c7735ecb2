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
    void aWorkerForAMissingRunSaysSo() {
        String url = PostgresCluster.get().newDatabase();
        CliRunner.Result r = CliRunner.run("worker", "--run", "7", "--store", url);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("no run 7").doesNotContain("\n");
    }
}
