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
        for (String c : new String[] {"run", "resume", "runs", "show", "export", "validate", "format", "compare", "checkpoint"}) {
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
                .contains("constraint: not (deepRegularisation = off and wideRegularisation = off): a child needs at least one tower")
                .contains("configurations: 418037760 (of 426746880 combinations; the constraints forbid the rest)");
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
        assertThat(lines.get(0)).startsWith("trial,id,attempt,task,status,reward,validation,test").endsWith("e_3_2");
        assertThat(lines.get(1)).contains(",cifar10,complete,");

        CliRunner.Result json = CliRunner.run("export", "1", "--format", "json", "--store", store());
        assertThat(json.out()).contains("\"provenance\"").contains("\"datasetHash\"").contains("\"codeVersion\"");

        assertThat(CliRunner.run("show", "42", "--store", store()).err()).contains("no run 42");
    }

    @Test
    void transferThroughAProjectNameOrACheckpointFileAndCompareInThePapersLayout() throws Exception {
        Path data = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent().getParent();
        String[] common = {"--store", store(), "--data", data.toString()};
        assertThat(run("sample-projects/nas201-random-cifar100.json", "300", common).exitCode()).isZero();
        assertThat(run("sample-projects/nas201-aml-cifar100.json", "300", common).exitCode()).isZero();
        CliRunner.Result early = run("sample-projects/nas201-taml-cifar100.json", "300", common);
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).contains("nas201-taml-cifar100.json").contains("pretrained")
                .contains("nas201-maml-cifar10");
        assertThat(run("sample-projects/nas201-maml-cifar10.json", "400", common).exitCode()).isZero();
        assertThat(run("sample-projects/nas201-taml-cifar100.json", "300", common).exitCode()).isZero();

        CliRunner.Result table = CliRunner.run("compare", "1", "2", "4", "--store", store());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("Table 2").contains("Table 3").contains("RS").contains("AML")
                .contains("T-AML ← cifar10").containsPattern("cifar100\\s+300\\s+\\d+");
        Path md = dir.resolve("tables.md");
        CliRunner.run("compare", "1", "2", "4", "--format", "markdown", "--out", md.toString(), "--store", store());
        assertThat(Files.readString(md)).contains("| cifar100 |").contains("±");

        Path file = dir.resolve("c10.ctl");
        CliRunner.Result ck = CliRunner.run("checkpoint", "3", "--out", file.toString(), "--store", store());
        assertThat(ck.out()).contains("after 400 updates");
        Path project = dir.resolve("taml-file.json");
        Files.writeString(project, Files.readString(Path.of("sample-projects/nas201-taml-cifar100.json"))
                .replace("\"project\": \"nas201-maml-cifar10\"", "\"file\": \"c10.ctl\"")
                .replace("\"spaces/nas-bench-201.json\"", "\"" + Path.of("sample-projects/spaces/nas-bench-201.json")
                        .toAbsolutePath() + "\""));
        assertThat(run(project.toString(), "50", common).exitCode()).isZero();

        Path otherSpace = dir.resolve("nas201-renamed.json");
        Files.writeString(otherSpace, Files.readString(Path.of("sample-projects/spaces/nas-bench-201.json"))
                .replace("\"name\": \"nas-bench-201\"", "\"name\": \"nas-bench-201-copy\""));
        Path wrongSpace = dir.resolve("taml-wrong.json");
        Files.writeString(wrongSpace, Files.readString(project).replace(
                Path.of("sample-projects/spaces/nas-bench-201.json").toAbsolutePath().toString(), otherSpace.toString()));
        CliRunner.Result wrong = run(wrongSpace.toString(), "50", common);
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("taml-wrong.json").contains("pretrained").contains("another search space");
        assertThat(CliRunner.run("checkpoint", "1", "--out", file.toString(), "--store", store()).err())
                .contains("no controller");
    }

    private static CliRunner.Result run(String project, String trials, String... common) {
        String[] args = new String[4 + common.length];
        args[0] = "run";
        args[1] = project;
        args[2] = "--trials";
        args[3] = trials;
        System.arraycopy(common, 0, args, 4, common.length);
        return CliRunner.run(args);
    }
}
