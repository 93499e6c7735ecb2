package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.TestData;
import io.wayfinder.TextComparisonFixture;
import io.wayfinder.cli.Main;
import io.wayfinder.report.Plot;
import io.wayfinder.run.BaselineRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.compare.ComparisonView;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The comparison screen on real text runs (RS and AML on sms-spam): without a stored baseline it says which
 * {@code wayfinder baseline} command makes one; once the real command has stored it, the screen shows it as a
 * reference column of Table 3, a row of the reference table and a labelled line on the test figure.
 */
@ExtendWith(ApplicationExtension.class)
class ComparisonBaselineScreenTest {
    private static Path store;
    private static TextComparisonFixture.Runs runs;
    private MainWindowView view;
    private Stage stage;

    @BeforeAll
    static void createRuns() throws Exception {
        store = Files.createTempDirectory("wayfinder-compare-baseline").resolve("runs.db");
        try (RunStore s = RunStores.open(store)) {
            runs = TextComparisonFixture.create(s, 4);
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        view = Workbench.open(stage, new Workbench.Options(null, store, TestData.dataDirectory(), store.getParent(),
                false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(10, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private static String cell(TableView<List<String>> t, int row, int col) {
        return String.valueOf(t.getColumns().get(col).getCellData(row));
    }

    @Test
    void screenShowsTheStoredBaselineAsReferenceRowColumnAndLineAndSaysHowToMakeAMissingOne(FxRobot robot)
            throws Exception {
        robot.interact(() -> runs.compared().forEach(view::selectRun));
        robot.clickOn("#compareButton");
        ComparisonView c = WaitForAsyncUtils.asyncFx(() -> view.comparisonView()).get(10, TimeUnit.SECONDS);
        robot.interact(() -> c.model().topNProperty().set(3));
        await(() -> c.model().tableProperty().get() != null && c.model().tableProperty().get().settings().topN() == 3
                && c.table3().getColumns().size() == 4);
        // no baseline stored yet: the screen names the command, no reference column, table or line
        assertThat(c.missingReferences().isVisible()).isTrue();
        assertThat(c.missingReferences().getText()).contains("no linear baseline stored for sms-spam")
                .contains("wayfinder baseline " + runs.projectFile());
        assertThat(c.references().isVisible()).isFalse();
        assertThat(c.plots().get(1).plot().levels()).isEmpty();

        // the real command stores one (same project, same data); comparing again shows it
        assertThat(Main.execute("baseline", runs.projectFile().toString(), "--store", store.toString(), "--data",
                TestData.dataDirectory().toString())).isZero();
        BaselineRecord b;
        try (RunStore s = RunStores.open(store)) {
            b = s.baselinesOfTask("sms-spam").get(0);
        }
        String test = String.format(Locale.ROOT, "%.2f", 100 * b.test());
        robot.clickOn("#compareButton");
        await(() -> c.table3().getColumns().size() == 5 && !c.model().references().isEmpty());

        assertThat(c.table3().getColumns()).extracting(col -> col.getText()).containsExactly("task", "trials", "RS",
                "AML", "TF-IDF+LR (reference)");
        assertThat(cell(c.table3(), 0, 4)).isEqualTo(test);
        assertThat(c.references().isVisible()).isTrue();
        assertThat(c.missingReferences().isVisible()).isFalse();
        assertThat(c.references().getItems()).hasSize(1);
        assertThat(cell(c.references(), 0, 0)).isEqualTo("sms-spam");
        assertThat(cell(c.references(), 0, 1)).isEqualTo("TF-IDF+LR");
        assertThat(cell(c.references(), 0, 3)).isEqualTo(b.setting());
        assertThat(cell(c.references(), 0, 4)).isEqualTo(String.format(Locale.ROOT, "%.2f", 100 * b.validation()));
        assertThat(cell(c.references(), 0, 5)).isEqualTo(test);
        // the test figure carries the reference as a labelled horizontal line; the validation figure does not
        Plot testPlot = c.plots().get(1).plot();
        assertThat(testPlot.title()).contains("test accuracy-top3");
        assertThat(testPlot.levels()).hasSize(1);
        assertThat(testPlot.levels().get(0).y()).isCloseTo(100 * b.test(), within(1e-9));
        assertThat(testPlot.levels().get(0).label()).startsWith("TF-IDF+LR test").endsWith(test + "%");
        assertThat(c.plots().get(0).plot().levels()).noneMatch(l -> l.label().contains("TF-IDF"));
        // the figure's y axis reaches the reference line (it is drawn inside the frame)
        io.wayfinder.report.PlotFrame f = c.plots().get(1).frame();
        assertThat(f.view().y1()).isGreaterThanOrEqualTo(100 * b.test());
    }
}
