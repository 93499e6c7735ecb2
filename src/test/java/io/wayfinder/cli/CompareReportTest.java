package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.ComparisonFixture;
import io.wayfinder.metrics.Comparison;
import io.wayfinder.report.ComparisonTables;
import io.wayfinder.service.ComparisonRuns;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wayfinder compare RUN... --report DIR} on a real 3-seed RS / AML / T-AML tabular comparison. */
class CompareReportTest {
    @TempDir
    Path dir;

    @Test
    void reportHasTheMetricFunctionsTablesAndEveryFigure() throws Exception {
        Path db = dir.resolve("runs.db");
        ComparisonFixture.Runs runs;
        Comparison.Table expected;
        try (RunStore store = RunStores.open(db.toString())) {
            runs = ComparisonFixture.create(store, 3, 200, 300);
            expected = Comparison.build(ComparisonRuns.load(store, runs.compared()),
                    new Comparison.Settings(10, 150, 200, true));
        }
        List<String> args = new ArrayList<>(List.of("compare"));
        runs.compared().forEach(id -> args.add(String.valueOf(id)));
        Path report = dir.resolve("report");
        args.addAll(List.of("--rs-budget", "150", "--at", "200", "--report", report.toString(), "--store",
                db.toString()));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote").contains("report.html");

        assertThat(expected.columns()).containsExactly("RS", "AML", "T-AML ← cifar10");
        Comparison.Row row = expected.rows().get(0);
        assertThat(row.task()).isEqualTo("cifar100");
        // Table 2 as CSV: one line per strategy, the metric functions' numbers
        List<String> t2 = Files.readAllLines(report.resolve("table2.csv"));
        assertThat(t2).hasSize(4);
        for (int i = 0; i < 3; i++) {
            Comparison.Cell c = row.cells().get(i);
            String median = c.reached() ? String.format(java.util.Locale.ROOT, "%.1f", c.medianTrials()) : "not reached";
            assertThat(t2.get(i + 1)).startsWith("cifar100,150,").contains("," + expected.columns().get(i) + ",3,"
                    + median + "," + c.notReached() + ",");
        }
        List<String> t3 = Files.readAllLines(report.resolve("table3.csv"));
        assertThat(t3.get(0)).isEqualTo("task,trials,strategy,seeds,test_accuracy_top10,two_sem");
        for (int i = 0; i < 3; i++) {
            Comparison.Cell c = row.cells().get(i);
            assertThat(t3.get(i + 1)).isEqualTo(String.format(java.util.Locale.ROOT, "cifar100,200,%s,3,%.6f,%.6f",
                    expected.columns().get(i), c.test(), 2 * c.testSem()));
        }
        // Markdown tables with the best of each row in bold, the same text the workbench shows
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).contains("Table 2").contains("Table 3").contains("| cifar100 |")
                .contains("**" + ComparisonTables.testText(row.cells().get(row.bestTest())) + "**")
                .contains("![cifar100: validation accuracy-top10").contains("cifar100-validation.png");
        for (int i = 0; i < 3; i++) {
            assertThat(md).contains(ComparisonTables.trialsText(row.cells().get(i)))
                    .contains(ComparisonTables.testText(row.cells().get(i)));
        }
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("<table>").contains("<b>").contains("cifar100-test.svg");
        for (String f : new String[]{"cifar100-validation.svg", "cifar100-test.svg"}) {
            String svg = Files.readString(report.resolve(f));
            assertThat(svg).startsWith("<svg").contains("<polyline").contains("trials of cifar100")
                    .doesNotContain("NaN").doesNotContainPattern("\\dE\\d");
        }
        assertThat(Files.readString(report.resolve("cifar100-validation.svg"))).contains("RS at T=150");
        for (String f : new String[]{"cifar100-validation.png", "cifar100-test.png"}) {
            var img = javax.imageio.ImageIO.read(report.resolve(f).toFile());
            assertThat(img.getWidth()).isEqualTo(1800);
            assertThat(img.getHeight()).isEqualTo(960);
        }

        // bad input: one line, exit 2, nothing written
        Path none = dir.resolve("none");
        CliRunner.Result bad = CliRunner.run("compare", "999", "--report", none.toString(), "--store", db.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("error: no run 999").doesNotContain("\n");
        assertThat(none).doesNotExist();
    }
}
