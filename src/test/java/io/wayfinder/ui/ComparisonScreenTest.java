package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.ComparisonFixture;
import io.wayfinder.TestData;
import io.wayfinder.metrics.Comparison;
import io.wayfinder.metrics.TrialsToMatch;
import io.wayfinder.report.ComparisonTables;
import io.wayfinder.report.Plot;
import io.wayfinder.service.ComparisonRuns;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.compare.ComparisonView;
import io.wayfinder.ui.compare.PlotView;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Drives the real comparison screen headless on real RS, AML and T-AML runs (3 seeds each, NAS-Bench-201 cifar100)
 * and checks that what it shows equals the metric functions' output.
 */
@ExtendWith(ApplicationExtension.class)
class ComparisonScreenTest {
    private static Path store;
    private static ComparisonFixture.Runs runs;
    private MainWindowView view;
    private Stage stage;

    @BeforeAll
    static void createRuns() throws Exception {
        store = Files.createTempDirectory("wayfinder-compare").resolve("runs.db");
        try (RunStore s = RunStores.open(store)) {
            runs = ComparisonFixture.create(s, 3, 200, 300);
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

    private static Comparison.Table expected(Comparison.Settings settings) {
        try (RunStore s = RunStores.open(store)) {
            return Comparison.build(ComparisonRuns.load(s, runs.compared()), settings);
        }
    }

    private static String cell(TableView<List<String>> t, int row, int col) {
        return t.getColumns().get(col).getCellData(row).toString();
    }

    @Test
    void shownTablesAndCurvesEqualTheMetricFunctions(FxRobot robot) throws Exception {
        robot.interact(() -> runs.compared().forEach(view::selectRun));
        robot.clickOn("#compareButton");
        ComparisonView c = view.comparisonView();
        await(() -> c.model().tableProperty().get() != null && c.table2().getColumns().size() == 6);

        Comparison.Table t = expected(Comparison.Settings.defaults());
        assertThat(c.model().runIds()).containsExactlyInAnyOrderElementsOf(runs.compared());
        assertThat(t.columns()).containsExactly("RS", "AML", "T-AML ← cifar10");
        assertThat(c.table2().getColumns()).extracting(col -> col.getText()).containsExactly("task", "T",
                "RS level (%)", "RS (3 seeds)", "AML (3 seeds)", "T-AML ← cifar10 (3 seeds)");
        Comparison.Row row = t.rows().get(0);
        assertThat(cell(c.table2(), 0, 0)).isEqualTo("cifar100");
        assertThat(cell(c.table2(), 0, 1)).isEqualTo("200");
        for (int g = 0; g < 3; g++) {
            assertThat(cell(c.table2(), 0, 3 + g)).isEqualTo(ComparisonTables.trialsText(row.cells().get(g)));
            assertThat(cell(c.table3(), 0, 2 + g)).isEqualTo(ComparisonTables.testText(row.cells().get(g)));
        }
        // the validation figure's lines are the metric functions' median curves (in %) and its level is RS@T
        List<PlotView> plots = c.plots();
        assertThat(plots).hasSize(2);
        Plot validation = plots.get(0).plot();
        assertThat(validation.levels().get(0).y()).isCloseTo(100 * row.rsLevel(), within(1e-9));
        for (int g = 0; g < 3; g++) {
            double[] med = row.cells().get(g).validation().median();
            double[] shown = validation.lines().get(g).y();
            assertThat(shown).hasSize(med.length);
            for (int k = 0; k < med.length; k++) {
                if (Double.isNaN(med[k])) {
                    assertThat(shown[k]).isNaN();
                } else {
                    assertThat(shown[k]).isCloseTo(100 * med[k], within(1e-9));
                }
            }
            // accuracy-top10 starts at the 10th distinct configuration and never decreases
            assertThat(shown[8]).isNaN();
            for (int k = 10; k < shown.length; k++) {
                assertThat(shown[k]).isGreaterThanOrEqualTo(shown[k - 1]);
            }
        }
        assertThat(validation.markers()).extracting(Plot.Marker::x).containsExactlyElementsOf(row.cells().stream()
                .filter(Comparison.Cell::reached).map(Comparison.Cell::medianTrials).toList());

        // a figure saves as PNG from the screen (snapshot) and as SVG (drawn from the same plot)
        Path png = store.getParent().resolve("figure.png");
        robot.interact(() -> {
            try {
                io.wayfinder.ui.common.ChartExport.png(plots.get(0), 1, png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo((int) plots.get(0).getWidth());

        // drag a rectangle on the validation figure: it zooms to exactly that data window; double-click resets
        PlotView fig = plots.get(0);
        io.wayfinder.report.PlotFrame f0 = fig.frame();
        javafx.geometry.Point2D from = fig.localToScreen(f0.left() + f0.width() * 0.5, f0.top() + f0.height() * 0.2);
        javafx.geometry.Point2D to = fig.localToScreen(f0.left() + f0.width() * 0.9, f0.top() + f0.height() * 0.6);
        robot.drag(from, javafx.scene.input.MouseButton.PRIMARY).dropTo(to);
        await(() -> fig.zoom().zoomed());
        io.wayfinder.report.Viewport zoomed = fig.zoom().view();
        assertThat(zoomed.x0()).isCloseTo(f0.dataX(f0.left() + f0.width() * 0.5), within(1.0));
        assertThat(zoomed.x1()).isCloseTo(f0.dataX(f0.left() + f0.width() * 0.9), within(1.0));
        assertThat(zoomed.y1()).isCloseTo(f0.dataY(f0.top() + f0.height() * 0.2), within(0.05));
        assertThat(zoomed.y0()).isCloseTo(f0.dataY(f0.top() + f0.height() * 0.6), within(0.05));
        assertThat(fig.frame().view()).isEqualTo(zoomed);
        // the zoomed figure exports as what it shows: the SVG's axis ends at the window, data clipped to the frame
        String svg = io.wayfinder.report.SvgCanvas.of(fig.plot(), 600, 400, zoomed);
        assertThat(svg).contains("clip-path=\"url(#c1)\"");
        robot.doubleClickOn(fig);
        await(() -> !fig.zoom().zoomed());
        assertThat(fig.frame().view()).isEqualTo(io.wayfinder.report.PlotPainter.fitted(fig.plot()));

        // T and N from the screen: the numbers follow
        robot.clickOn("#compareT").write("120");
        robot.clickOn("#compareAt").write("150");
        Comparison.Table t2 = expected(new Comparison.Settings(10, 120, 150, true));
        await(() -> "120".equals(cell(c.table2(), 0, 1)) && "150".equals(cell(c.table3(), 0, 1)));
        for (int g = 0; g < 3; g++) {
            Comparison.Cell e = t2.rows().get(0).cells().get(g);
            assertThat(cell(c.table2(), 0, 3 + g)).isEqualTo(ComparisonTables.trialsText(e));
            assertThat(cell(c.table3(), 0, 2 + g)).isEqualTo(ComparisonTables.testText(e));
            for (int s : Comparison.trialsPerSeed(e)) {
                assertThat(s == TrialsToMatch.NOT_REACHED || s <= 120).isTrue();
            }
        }

        // one click from a row to the best trial of that strategy: the inspector shows T-AML's best trial
        Comparison.BestTrial best = t2.rows().get(0).cells().get(2).best();
        // a real double-click on T-AML's cell of the first row
        javafx.scene.control.TableCell<?, ?> tamlCell = robot.lookup(".table-cell").queryAllAs(
                javafx.scene.control.TableCell.class).stream().filter(x -> x.getTableView() == c.table2()
                        && x.getIndex() == 0 && x.getTableColumn() == c.table2().getColumns().get(5))
                .findFirst().orElseThrow();
        robot.doubleClickOn(tamlCell);
        await(() -> view.inspector().paneA().shown() != null
                && view.inspector().paneA().shown().trial().id() == best.trialId());
        assertThat(view.screens().getSelectionModel().getSelectedItem().getId()).isEqualTo("inspectorTab");
        assertThat(view.inspector().paneA().shown().trial().runId()).isEqualTo(best.runId());
        assertThat(view.inspector().paneA().shown().trial().validationMetric()).isEqualTo(best.validation());
    }
}
