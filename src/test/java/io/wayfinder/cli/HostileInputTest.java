package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 defects 2, 3, 4, 5, 6 and 7, each reproduced through the real command line: one-line errors with exit 2,
 * no stack trace, no file content echoed, nothing written.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    static Stream<Arguments> settingsThatValidateUsedToAcceptAndRunRejected() {
        return Stream.of(
                Arguments.of("{\"name\": \"nope\"}", "", "$.strategy.name"),
                Arguments.of("{\"name\": \"evolution\", \"settings\": {\"population\": 0}}", "", "population"),
                Arguments.of("{\"name\": \"aml\", \"settings\": {\"hidden\": 0}}", "", "hidden"),
                Arguments.of("{\"name\": \"aml\", \"settings\": {\"learningRate\": -1}}", "", "learningRate"),
                Arguments.of("{\"name\": \"aml\", \"settings\": {\"hidden\": 1000000000}}", "", "hidden"),
                Arguments.of("{\"name\": \"aml\", \"settings\": {\"learningRate\": 1e308}}", "", "learningRate"),
                Arguments.of("{\"name\": \"aml\", \"settings\": {\"learningrate\": 0.01}}", "",
                        "did you mean 'learningRate'"),
                Arguments.of("{\"name\": \"random\"}", ", \"scael\": 2", "did you mean 'scale'"),
                Arguments.of("{\"name\": \"random\"}", ", \"simulatedMillis\": -5", "simulatedMillis"),
                Arguments.of("{\"name\": \"taml\", \"settings\": {\"pretrained\": {\"file\": \"/dev/zero\"}}}", "",
                        "$.strategy.settings.pretrained.file: a readable controller checkpoint file (/dev/zero: file: "
                                + "a regular file"));
    }

    @ParameterizedTest
    @MethodSource("settingsThatValidateUsedToAcceptAndRunRejected")
    void validateAndRunRejectTheSameSettingsWithTheSameLineAndRunWritesNothing(String strategy, String taskExtra,
                                                                               String expected) throws Exception {
        Path project = ToyTabular.write(dir, strategy, taskExtra, 10);
        Path store = dir.resolve("sub").resolve("runs.db");
        CliRunner.Result validate = CliRunner.run("validate", project.toString(), "--store", store.toString());
        CliRunner.Result run = CliRunner.run("run", project.toString(), "--store", store.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(2);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(validate.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err()).isEqualTo(validate.err());
        assertThat(dir.resolve("sub")).as("defect 7: a rejected run leaves no store, not even its folder")
                .doesNotExist();
    }

    @Test
    void aGoodProjectValidatesAndRuns() throws Exception {
        Path project = ToyTabular.write(dir, "{\"name\": \"aml\", \"settings\": {\"learningRate\": 0.01}}", "", 30);
        Path store = dir.resolve("runs.db");
        CliRunner.Result validate = CliRunner.run("validate", project.toString(), "--store", store.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(store).as("validate creates no store").doesNotExist();
        CliRunner.Result run = CliRunner.run("run", project.toString(), "--store", store.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(store).exists();
    }

    @Test
    void aStorePathThatIsADirectoryOrNotSqliteIsOneLineWithExitTwo() throws Exception {
        Path project = ToyTabular.write(dir, "{\"name\": \"random\"}", "", 5);
        Path notSqlite = dir.resolve("notes.db");
        Files.writeString(notSqlite, "these are my notes, not a database\n".repeat(200));
        for (String store : new String[] {dir.toString(), notSqlite.toString(), "/dev/zero"}) {
            for (String[] args : new String[][] {{"run", project.toString(), "--store", store},
                    {"runs", "--store", store}, {"resume", "1", "--store", store}}) {
                CliRunner.Result r = CliRunner.run(args);
                assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
                assertThat(r.err().strip()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("\n")
                        .contains(store).doesNotContain("Exception").doesNotContain("my notes");
            }
        }
        assertThat(Files.readString(notSqlite)).startsWith("these are my notes");
    }

    @Test
    void devZeroAsASpaceProjectOrDataFileIsOneLineNotOutOfMemory() throws Exception {
        Path project = ToyTabular.write(dir, "{\"name\": \"random\"}", "", 5);
        for (String file : new String[] {"/dev/zero", "/dev/urandom", dir.toString()}) {
            CliRunner.Result r = CliRunner.run("validate", file);
            assertThat(r.exitCode()).as(file + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("error: " + file + ": file: ").doesNotContain("\n");
        }
        Files.writeString(dir.resolve("space.json"), "");
        Files.delete(dir.resolve("space.json"));
        Files.createSymbolicLink(dir.resolve("space.json"), Path.of("/dev/zero"));
        CliRunner.Result space = CliRunner.run("validate", project.toString());
        assertThat(space.exitCode()).isEqualTo(2);
        assertThat(space.err()).contains("space.json: file: a regular file");

        Files.createDirectories(dir.resolve("d"));
        Path data = ToyTabular.write(dir.resolve("d"), "{\"name\": \"random\"}", "", 5);
        Files.delete(dir.resolve("d").resolve("table.tsv"));
        Files.createSymbolicLink(dir.resolve("d").resolve("table.tsv"), Path.of("/dev/zero"));
        CliRunner.Result table = CliRunner.run("validate", data.toString());
        assertThat(table.exitCode()).as(table.err()).isEqualTo(2);
        assertThat(table.err()).contains("table.tsv: file: a regular file").doesNotContain("\n\tat");
    }

    @Test
    void aFileThatIsNotJsonIsDescribedByPositionNeverQuoted() throws Exception {
        Path secret = dir.resolve("passwd");
        Files.writeString(secret, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n");
        Path binary = dir.resolve("blob.json");
        Files.write(binary, new byte[] {'{', '"', 'a', '"', ':', (byte) 0xC3, (byte) 0x28, '}'});
        Path huge = dir.resolve("huge.json");
        Files.write(huge, new byte[(int) io.wayfinder.run.InputFiles.MAX_JSON_BYTES + 10]);
        for (Path f : new Path[] {secret, binary, huge}) {
            CliRunner.Result r = CliRunner.run("validate", f.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("error: " + f + ": ").doesNotContain("root").doesNotContain("bash")
                    .doesNotContain("\n");
        }
        assertThat(CliRunner.run("validate", secret.toString()).err()).contains("line 1, column");
        assertThat(CliRunner.run("validate", binary.toString()).err()).contains("byte 5").contains("UTF-8");
        assertThat(CliRunner.run("validate", huge.toString()).err()).contains("at most 16 MiB");
    }
}
