package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.TextComparisonFixture;
import io.wayfinder.run.BaselineRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wayfinder compare} on real text runs (RS and AML on sms-spam) shows the linear baseline that
 * {@code wayfinder baseline} stored for the same data beside the strategies, in the text tables, the report and the
 * test figure; before one is stored it says how to make one.
 */
class CompareBaselineTest {
    @TempDir
    Path dir;

    @Test
    void compareShowsTheStoredLinearBaselineOfTheSameDataBesideTheStrategies() throws Exception {
        Path db = dir.resolve("runs.db");
        TextComparisonFixture.Runs runs;
        try (RunStore store = RunStores.open(db.toString())) {
            runs = TextComparisonFixture.create(store, 4);
        }
        String[] compare = {"compare", String.valueOf(runs.rs()), String.valueOf(runs.aml()), "--top", "3",
                "--store", db.toString()};

        // no baseline yet: the comparison says which command makes one, for this project file
        CliRunner.Result before = CliRunner.run(compare);
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out()).contains("no linear baseline stored for sms-spam: `wayfinder baseline "
                + runs.projectFile() + "`").doesNotContain("(reference)");

        // the real baseline command on the project the runs came from (same data, same splits)
        CliRunner.Result trained = CliRunner.run("baseline", runs.projectFile().toString(), "--store", db.toString(),
                "--data", TestData.dataDirectory().toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        BaselineRecord b;
        try (RunStore store = RunStores.open(db.toString())) {
            List<BaselineRecord> stored = store.baselinesOfTask("sms-spam");
            assertThat(stored).hasSize(1);
            b = stored.get(0);
            assertThat(b.datasetHash()).isEqualTo(store.tasks(runs.rs()).get(0).datasetHash());
            // a newer baseline of another data set with the same task name is not this comparison's reference
            store.saveBaseline(new BaselineRecord("elsewhere", "sms-spam", b.method(), "C=1.0", 0.5, 0.5, "sms-spam",
                    "another-hash", b.createdMillis() + 1000));
        }
        String test = String.format(Locale.ROOT, "%.2f", 100 * b.test());
        String validation = String.format(Locale.ROOT, "%.2f", 100 * b.validation());
        assertThat(b.test()).isGreaterThan(0.8);

        CliRunner.Result after = CliRunner.run(compare);
        assertThat(after.exitCode()).as(after.err()).isZero();
        String out = after.out();
        assertThat(out).doesNotContain("no linear baseline stored").doesNotContain("elsewhere").doesNotContain("50.00");
        // Table 3: a reference column beside RS and AML with the baseline's test accuracy
        String header = out.lines().filter(l -> l.startsWith("task") && l.contains("trials")).findFirst()
                .orElseThrow();
        assertThat(header).contains("RS").contains("AML").endsWith("TF-IDF+LR (reference)");
        String row3 = out.lines().filter(l -> l.startsWith("sms-spam")).skip(1).findFirst().orElseThrow();
        assertThat(row3.strip()).endsWith(test);
        // the reference table: method, the C chosen on validation, validation and test accuracy
        assertThat(out).contains("Reference (not searched)");
        String ref = out.lines().filter(l -> l.startsWith("sms-spam") && l.contains("tfidf-1-2gram+logreg"))
                .findFirst().orElseThrow();
        assertThat(ref).contains(b.setting()).contains(validation).contains(test).contains("project " + b.project());

        // the report: references.csv, the tables with the reference, a labelled line on the test figure
        Path report = dir.resolve("report");
        List<String> args = new java.util.ArrayList<>(List.of(compare));
        args.addAll(List.of("--report", report.toString()));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(report.resolve("references.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).startsWith("sms-spam,tfidf-1-2gram+logreg," + b.setting() + ","
                + String.format(Locale.ROOT, "%.6f,%.6f,", b.validation(), b.test()));
        assertThat(Files.readString(report.resolve("report.md"))).contains("TF-IDF+LR (reference)")
                .contains("Reference (not searched)").containsPattern("\\|\\s+" + java.util.regex.Pattern.quote(test) + " \\|");
        assertThat(Files.readString(report.resolve("report.html"))).contains("Reference (not searched)");
        assertThat(Files.readString(report.resolve("sms-spam-test.svg"))).contains("TF-IDF+LR test (reference, "
                + b.setting() + "): " + test + "%");
        assertThat(Files.readString(report.resolve("sms-spam-validation.svg"))).doesNotContain("TF-IDF+LR");
    }
}
