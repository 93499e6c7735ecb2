package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench sample-efficiency} end to end on a small tabular benchmark written by the test (4^3 = 64
 * architectures, two tasks), through the real search loop.
 */
class BenchSampleEfficiencyCommandTest {
    @TempDir
    static Path dir;
    static Path project;

    @BeforeAll
    static void writeBenchmark() throws Exception {
        StringBuilder tsv = new StringBuilder("task\ta\tb\tc\tval\ttest\n");
        for (String task : List.of("alpha", "beta")) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    for (int c = 0; c < 4; c++) {
                        // every architecture a distinct accuracy; beta ranks them the other way round
                        double v = 10 + 16 * a + 4 * b + c;
                        double acc = task.equals("alpha") ? v : 100 - v;
                        tsv.append(task).append('\t').append(a).append('\t').append(b).append('\t').append(c)
                                .append('\t').append(acc).append('\t').append(acc - 1).append('\n');
                    }
                }
            }
        }
        Files.writeString(dir.resolve("table.tsv"), tsv);
        Files.writeString(dir.resolve("space.json"), """
                {"schemaVersion": 1, "name": "tiny", "decisions": [
                  {"name": "a", "choices": [0, 1, 2, 3]},
                  {"name": "b", "choices": [0, 1, 2, 3]},
                  {"name": "c", "choices": [0, 1, 2, 3]}]}""");
        project = dir.resolve("project.json");
        Files.writeString(project, """
                {"schemaVersion": 1, "name": "tiny-bench", "searchSpace": "space.json",
                 "tasks": [{"name": "alpha", "kind": "tabular", "data": "%s", "metric": "accuracy",
                   "settings": {"taskColumn": "task", "keyColumns": ["a", "b", "c"], "rewardColumn": "val",
                                "testColumn": "test", "scale": 0.01}}],
                 "strategy": {"name": "random"}, "budget": {"trialsPerTask": 10}, "seed": 1}
                """.formatted(dir.resolve("table.tsv").toString().replace("\\", "\\\\")));
    }

    private static CliRunner.Result bench(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "sample-efficiency", "--project",
                project.toString(), "--seeds", "3", "--budget", "30", "--pretrain", "60", "--threads", "1",
                "--directions", "beta:alpha"));
        args.addAll(Arrays.asList(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static String row(String out, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " +(.*)$").matcher(out);
        assertThat(m.find()).as(label + " row in\n" + out).isTrue();
        return m.group(1);
    }

    @Test
    void randomSearchAgainstItselfMatchesAtExactlyTheSameTrialByConstruction() {
        // the same strategy with the same seed proposes the same configurations: same trials to match, same
        // test accuracy, row for row
        CliRunner.Result r = bench("--strategies", "random", "--no-transfer");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.matches("RS +\\d.*")).toList();
        assertThat(rows).hasSize(2);
        String first = rows.get(0).replaceAll("\\s+\\S+$", "");
        String second = rows.get(1).replaceAll("\\s+\\S+$", "");
        assertThat(second).isEqualTo(first);
        assertThat(r.out()).contains("seeds 1-3").doesNotContain("speedup");
    }

    @Test
    void everyNamedStrategyGetsARowAndTransferItsSpeedup() {
        CliRunner.Result r = bench("--strategies", "tpe,evolution", "--set", "tpe.multivariate=false");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(row(r.out(), "TPE")).isNotBlank();
        assertThat(row(r.out(), "EVO")).isNotBlank();
        assertThat(row(r.out(), "T-AML")).isNotBlank();
        assertThat(r.out()).contains("speedup");
    }

    @Test
    void theSeedOffsetRunsOtherSeeds() {
        CliRunner.Result r = bench("--strategies", "random", "--no-transfer", "--seed-offset", "1000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("seeds 1001-1003");
    }

    @Test
    void aMissingTaskNamesTheTasksThatExist() {
        CliRunner.Result r = bench("--strategies", "random", "--no-transfer", "--directions", "beta:gamma");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("table.tsv").contains("\"gamma\"").contains("alpha, beta")
                .doesNotContain("Exception");
    }

    @Test
    void anUnknownStrategyOrSettingStopsBeforeAnyRun() {
        CliRunner.Result r = bench("--strategies", "tpe", "--set", "tpe.gama=0.2", "--no-transfer");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("gama").contains("'gamma'");
        assertThat(r.out()).doesNotContain("RS ");
        CliRunner.Result u = bench("--strategies", "nope", "--no-transfer");
        assertThat(u.exitCode()).isEqualTo(2);
        assertThat(u.err()).contains("nope").contains("tpe");
    }
}
