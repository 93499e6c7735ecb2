package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.store.SqliteRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private String store() {
        return dir.resolve("runs.db").toString();
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"run", "resume", "runs", "show", "export", "validate", "format"}) {
            CliRunner.Result r = CliRunner.run(c, "--help");
            assertThat(r.exitCode()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage: wayfinder " + c);
        }
        assertThat(CliRunner.run("--help").out()).contains("run").contains("validate").contains("export");
    }

    @Test
    void validatePrintsDecisionsAndTheExactCount() {
        CliRunner.Result r = CliRunner.run("validate", "sample-projects/spaces/taml-text.json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("search space taml-text: 12 decisions, 12 slots")
                .contains("deepRegularisation: {0, 1.0E-5, 1.0E-4, 0.001, 0.01, 0.1, disable deep tower}")
                .contains("configurations: 426746880");
        assertThat(CliRunner.run("validate", "sample-projects/spaces/zoph-le-convnet.json").out())
                .contains("layer x6: [filterHeight: {1, 3, 5, 7}");
    }

    @Test
    void malformedJsonIsAOneLineErrorWithFileAndPlace() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 1,\n \"name\": \"x\",\n \"decisions\": [ }");
        CliRunner.Result r = CliRunner.run("validate", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: " + bad + ": line 3, column").doesNotContain("\n");
    }

    @Test
    void aWrongTypeNamesTheJsonPath() throws Exception {
        Path bad = dir.resolve("types.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"name\": \"x\", \"decisions\": [{\"name\": \"a\", \"choices\": 5}]}");
        CliRunner.Result r = CliRunner.run("validate", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ": $.decisions[0].choices: a list of choices, found number 5");
    }

    @Test
    void aRunWhoseDataIsMissingFailsClearlyAndWritesNothing() {
        CliRunner.Result r = CliRunner.run("run", "sample-projects/nas201-random.json", "--store", store(),
                "--data", dir.resolve("no-such-dir").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nats_tss_test_acc.tsv").contains("not found");
        try (SqliteRunStore s = SqliteRunStore.open(Path.of(store()))) {
            assertThat(s.runs()).isEmpty();
        }
    }

    @Test
    void anUnknownDecisionInAProjectsSpaceIsReported() throws Exception {
        Path space = dir.resolve("space.json");
        Files.writeString(space, "{\"schemaVersion\": 1, \"name\": \"x\", \"decisions\": [{\"name\": \"a\", "
                + "\"choices\": [1], \"colour\": 2}]}");
        Path project = dir.resolve("p.json");
        Files.writeString(project, "{\"schemaVersion\": 1, \"name\": \"p\", \"searchSpace\": \"space.json\", "
                + "\"tasks\": [{\"name\": \"t\", \"kind\": \"tabular\"}]}");
        CliRunner.Result r = CliRunner.run("run", project.toString(), "--store", store());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(space + ": $.decisions[0].colour: no field \"colour\"");
    }

    @Test
    void runShowRunsAndExportWorkOnTheTabularBenchmark() throws Exception {
        Path data = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent().getParent();
        CliRunner.Result run = CliRunner.run("run", "sample-projects/nas201-random.json", "--trials", "300",
                "--seed", "5", "--store", store(), "--data", data.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("300/300 trials").contains("validation accuracy-top10")
                .contains("test accuracy-top10");

        CliRunner.Result runs = CliRunner.run("runs", "--store", store());
        assertThat(runs.out().lines()).hasSize(1).allSatisfy(l -> assertThat(l).startsWith("1\t"));

        CliRunner.Result show = CliRunner.run("show", "1", "--store", store());
        assertThat(show.out()).contains("task cifar10").contains("best trials");

        Path csv = dir.resolve("trials.csv");
        assertThat(CliRunner.run("export", "1", "--format", "csv", "--out", csv.toString(), "--store", store())
                .exitCode()).isZero();
        var lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).startsWith("trial,seq,attempt,task,status,reward,validation,test").endsWith("e_3_2");
        assertThat(lines.get(1)).contains(",cifar10,complete,");

        CliRunner.Result json = CliRunner.run("export", "1", "--format", "json", "--store", store());
        assertThat(json.out()).contains("\"provenance\"").contains("\"datasetHash\"").contains("\"codeVersion\"");

        assertThat(CliRunner.run("show", "42", "--store", store()).err()).contains("no run 42");
    }
}
