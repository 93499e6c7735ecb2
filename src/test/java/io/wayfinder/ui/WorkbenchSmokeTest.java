package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.wayfinder.TestData;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.store.SqliteRunStore;
import io.wayfinder.ui.dashboard.DashboardView;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the real workbench headless (Monocle) and checks what each screen shows. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchSmokeTest {
    private static Path store;
    private static long policyRun;
    private MainWindowView view;
    private Stage stage;

    @BeforeAll
    static void createRun() throws Exception {
        Path dir = Files.createTempDirectory("wayfinder-smoke");
        store = dir.resolve("runs.db");
        try (SqliteRunStore s = SqliteRunStore.open(store)) {
            policyRun = TabularRuns.runWithPolicy(s, TabularRuns.project(150, true), null, null);
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        view = Workbench.open(stage, new Workbench.Options(TestData.samples().resolve("nas201-random.json")
                .toAbsolutePath(), store, TestData.dataDirectory(), store.getParent(), false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(10, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, String what) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private static double[] ys(DataSet ds) {
        return ds.lock().readLockGuard(() -> java.util.Arrays.copyOf(ds.getValues(DataSet.DIM_Y), ds.getDataCount()));
    }

    @Test
    void dashboardBarsEqualTheStoredSnapshotAndEveryTabShowsTheRun(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.selectRun(policyRun);
        });
        robot.clickOn("#navigator");
        robot.interact(() -> view.selectRun(policyRun));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        await(() -> view.dashboard() != null && view.dashboard().model().rows().size() == 300, "the run's trials");
        DashboardView d = view.dashboard();
        List<PolicySnapshot> stored;
        try (SqliteRunStore s = SqliteRunStore.open(store)) {
            stored = s.snapshots(policyRun, 0, -1);
        }
        await(() -> d.model().historySizeProperty().get() == stored.size(), "the history");
        XYChart chart = robot.lookup("#bars-0").queryAs(XYChart.class);
        DataSet shown = chart.getRenderers().get(0).getDatasets().get(0);
        float[] expected = stored.get(stored.size() - 1).probabilities()[0];
        double[] y = ys(shown);
        assertThat(y).hasSize(expected.length);
        for (int k = 0; k < y.length; k++) {
            assertThat(y[k]).isEqualTo(expected[k], within(1e-7));
        }
        assertThat(robot.lookup("#historyLabel").queryAs(Label.class).getText())
                .contains("after " + stored.get(stored.size() - 1).observations() + " observations");

        TabPane tabs = d.tabs();
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int tab = i;
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
        }
        // the similarity heat map and the embedding map save as SVG drawn from their data
        robot.interact(() -> tabs.getSelectionModel().select(4));
        javafx.scene.Node heat = robot.lookup("#heatMap").query();
        javafx.scene.Node map = robot.lookup("#embeddingMap").query();
        await(() -> d.model().similarityProperty().get() != null, "the task similarities");
        String[] svg = new String[2];
        robot.interact(() -> {
            svg[0] = io.wayfinder.ui.common.ChartExport.svg(heat);
            svg[1] = io.wayfinder.ui.common.ChartExport.svg(map);
        });
        // a background, 2 x 2 cells and the 100-step colour scale
        assertThat(svg[0].split("<rect", -1).length - 1).isEqualTo(1 + 4 + 100);
        assertThat(svg[0]).contains(">cifar10<").contains(">cifar100<");
        assertThat(svg[1]).contains(">cifar10<").contains(">cifar100<").contains("PC1 (");
        robot.interact(() -> tabs.getSelectionModel().select(3));
        TableView<?> table = robot.lookup("#trialTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(300);
        robot.clickOn("#bestOnly");
        await(() -> table.getItems().size() == 20, "the best ten per task");
        robot.clickOn("#bestOnly");
        robot.clickOn("#trialFilter").write("failed");
        await(() -> table.getItems().isEmpty(), "the filter");
        assertThat(robot.lookup("#shownCount").queryAs(Label.class).getText()).isEqualTo("0 of 300 trials");
    }

    @Test
    void startsAShortTabularSearchAndShowsItLive(FxRobot robot) throws Exception {
        robot.clickOn("#startButton");
        await(() -> view.model().stateProperty().get().startsWith("finished"), "the search to finish");
        assertThat(robot.lookup("#trialsLabel").queryAs(Label.class).getText()).startsWith("1000 / 1000 trials");
        await(() -> view.dashboard() != null && view.dashboard().model().rows().size() == 1000, "the dashboard");
        assertThat(ys(view.dashboard().model().reward())).hasSize(1000);
        assertThat(robot.lookup("#dashboardSummary").queryAs(Label.class).getText()).startsWith("1000 / 1000 trials");
    }

    @Test
    void editorShowsTheProjectsSpaceAndValidatesEdits(FxRobot robot) throws Exception {
        robot.interact(() -> view.showScreen("editor"));
        assertThat(robot.lookup("#configurationCount").queryAs(Label.class).getText()).startsWith("15,625 configurations");
        ListView<?> decisions = robot.lookup("#decisionList").queryAs(ListView.class);
        assertThat(decisions.getItems()).hasSize(6);
        robot.clickOn("#addDecision");
        assertThat(decisions.getItems()).hasSize(7);
        ListView<?> problems = robot.lookup("#problemList").queryAs(ListView.class);
        assertThat(problems.getItems()).isNotEmpty();
        robot.clickOn("#newChoiceValue").write("a");
        robot.clickOn("#addChoice");
        assertThat(view.editor().model().choices()).extracting(c -> c.value()).containsExactly("a");
        robot.clickOn("#newChoiceValue").write("b");
        robot.clickOn("#addChoice");
        assertThat(view.editor().model().choices()).extracting(c -> c.value()).containsExactly("a", "b");
        assertThat(problems.getItems()).isEmpty();
        assertThat(robot.lookup("#configurationCount").queryAs(Label.class).getText()).startsWith("31,250 configurations");
        robot.clickOn("#undo");
        assertThat(robot.lookup("#configurationCount").queryAs(Label.class).getText()).startsWith("15,625 configurations");
    }
}
