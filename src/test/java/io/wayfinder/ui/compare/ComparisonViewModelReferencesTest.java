package io.wayfinder.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TextComparisonFixture;
import io.wayfinder.report.ComparisonTables;
import io.wayfinder.run.BaselineRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextTaskLoader;
import io.wayfinder.task.baseline.LinearBaseline;
import io.wayfinder.task.baseline.TfIdfVectorizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison view model without a screen (synchronous executors) on real text runs: the stored linear baseline
 * of the runs' data set becomes the reference rows, a Table 3 column and a test-figure line, and stays when N changes.
 */
class ComparisonViewModelReferencesTest {
    @TempDir
    Path dir;

    @Test
    void referencesFollowTheStoreAndSurviveARecompute() throws Exception {
        Executor now = Runnable::run;
        try (RunStore store = RunStores.open(dir.resolve("runs.db"))) {
            TextComparisonFixture.Runs runs = TextComparisonFixture.create(store, 4);
            ComparisonViewModel model = new ComparisonViewModel(store, now, now);
            model.topNProperty().set(3);
            model.compare(runs.compared());
            assertThat(model.references()).isEmpty();
            assertThat(model.missingReferencesProperty().get()).startsWith("no linear baseline stored for sms-spam")
                    .contains("wayfinder baseline " + runs.projectFile());

            // the reference as `wayfinder baseline` makes it, on the data the runs used
            var task = io.wayfinder.project.ProjectCodec.read(runs.projectFile()).tasks().get(0);
            TextDataset data = TextTaskLoader.load(io.wayfinder.TestData.dataDirectory().resolve(task.data()),
                    task.settings());
            LinearBaseline.Result r = LinearBaseline.train(data, TfIdfVectorizer.Features.TFIDF_1_2, s -> { });
            store.saveBaseline(new BaselineRecord("p", "sms-spam", r.method(), "C=" + r.chosenC(),
                    r.validationAccuracy(), r.testAccuracy(), data.id(), data.hash(), 1));
            model.compare(runs.compared());
            String test = String.format(Locale.ROOT, "%.2f", 100 * r.testAccuracy());
            assertThat(model.missingReferencesProperty().get()).isEmpty();
            assertThat(model.references()).containsExactly(List.of("sms-spam", "TF-IDF+LR", r.method(),
                    "C=" + r.chosenC(), String.format(Locale.ROOT, "%.2f", 100 * r.validationAccuracy()), test,
                    "project p"));
            assertThat(model.headers3()).last().isEqualTo("TF-IDF+LR (reference)");
            assertThat(model.table3().get(0)).last().isEqualTo(test);

            // N changes: the table is rebuilt from the loaded runs, the references stay
            model.topNProperty().set(2);
            assertThat(model.tableProperty().get().settings().topN()).isEqualTo(2);
            assertThat(model.references()).hasSize(1);
            assertThat(model.figures().get(0).test().levels()).singleElement()
                    .satisfies(l -> assertThat(l.label()).startsWith("TF-IDF+LR test").endsWith(test + "%"));
            assertThat(ComparisonTables.table3(model.tableProperty().get()).get(1)).last().isEqualTo(test);
        }
    }
}
