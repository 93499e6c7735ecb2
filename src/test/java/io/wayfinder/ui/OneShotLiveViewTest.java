package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.wayfinder.TestData;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.SupernetEpoch;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.task.ImageTaskData;
import io.wayfinder.ui.dashboard.DashboardView;
import io.wayfinder.ui.inspector.TrialFacts;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
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
 * A real (shrunk) DARTS search on Fashion-MNIST, reopened in the workbench headless: the super-network's training
 * curves stand beside the architecture-weight bars with the values the search recorded, the history slider shows an
 * earlier snapshot, the decision-over-time chart has one point per snapshot, and the derived cell opens in the
 * inspector as a NAS-Bench-201 DAG that says which search epoch found it.
 */
@ExtendWith(ApplicationExtension.class)
class OneShotLiveViewTest {
    static final int EPOCHS = 3;
    static final int STEPS = 2;
    static final int TRIALS = 4;
    private static Path store;
    private static long runId;
    private MainWindowView view;
    private Stage stage;

    @BeforeAll
    static void search() throws Exception {
        assumeTrue(Files.isDirectory(ImageTaskData.FASHION_MNIST), "Fashion-MNIST is absent: apt-get install "
                + "dataset-fashion-mnist to run this test");
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        Path dir = Files.createTempDirectory("wayfinder-oneshot-view");
        Files.createDirectories(dir.resolve("spaces"));
        Files.copy(TestData.samples().resolve("spaces/nas-bench-201.json"), dir.resolve("spaces/nas-bench-201.json"));
        String project = Files.readString(TestData.samples().resolve("darts-fashion.json"))
                .replace("\"trainSize\": 2000", "\"trainSize\": 64")
                .replace("\"validationSize\": 1000", "\"validationSize\": 64")
                .replace("\"batchSize\": 32", "\"batchSize\": 16, \"stepsPerEpoch\": " + STEPS)
                .replace("\"epochs\": 15", "\"epochs\": " + EPOCHS)
                .replace("\"trialsPerTask\": 15", "\"trialsPerTask\": " + TRIALS);
        Files.writeString(dir.resolve("darts.json"), project);
        store = dir.resolve("runs.db");
        try (RunStore s = RunStores.open(store)) {
            runId = InspectorRuns.run(s, ProjectCodec.read(dir.resolve("darts.json")));
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
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private static double[] values(DataSet ds, int dim) {
        return ds.lock().readLockGuard(() -> Arrays.copyOf(ds.getValues(dim), ds.getDataCount()));
    }

    private static List<TrialRecord> trials() {
        try (RunStore s = RunStores.open(store)) {
            return s.trials(runId);
        }
    }

    @Test
    void reopenedDartsRunShowsItsSupernetCurvesBesideTheBarsAndItsCellInTheInspector(FxRobot robot)
            throws Exception {
        List<TrialRecord> trials = trials();
        assertThat(trials).hasSize(TRIALS);
        // every search epoch's trial carries the epoch; the last trial repeats the final cell without training
        for (int i = 0; i < EPOCHS; i++) {
            SupernetEpoch e = SupernetEpoch.fromProvenance(trials.get(i).provenance()).orElseThrow();
            assertThat(e.epoch()).isEqualTo(i + 1);
            assertThat(e.steps()).isEqualTo(STEPS);
            assertThat(e.alphaEntropy()).isBetween(0.0, Math.log(5) + 1e-9);
        }
        assertThat(SupernetEpoch.fromProvenance(trials.get(EPOCHS).provenance())).isEmpty();

        robot.interact(() -> view.openRunById(runId));
        await(() -> view.dashboard() != null && view.dashboard().model().rows().size() == TRIALS
                && view.dashboard().model().historySizeProperty().get() == TRIALS);
        DashboardView d = view.dashboard();
        robot.interact(() -> d.tabs().getSelectionModel().select(0));
        XYChart loss = robot.lookup("#supernetLoss").queryAs(XYChart.class);
        XYChart accuracy = robot.lookup("#supernetAccuracy").queryAs(XYChart.class);
        DataSet trainAcc = accuracy.getRenderers().get(0).getDatasets().get(0);
        await(() -> trainAcc.getDataCount() == EPOCHS * STEPS);
        // the first point is the first training batch's own accuracy; x runs over the weight steps 1..6
        SupernetEpoch first = SupernetEpoch.fromProvenance(trials.get(0).provenance()).orElseThrow();
        assertThat(values(trainAcc, DataSet.DIM_Y)[0]).isEqualTo(first.trainAccuracy()[0], within(1e-9));
        assertThat(values(trainAcc, DataSet.DIM_X)).containsExactly(1, 2, 3, 4, 5, 6);
        // all six recorded batches are within the window of ten: the last point is the mean of all six losses
        double sum = 0;
        for (int i = 0; i < EPOCHS; i++) {
            for (double v : SupernetEpoch.fromProvenance(trials.get(i).provenance()).orElseThrow().trainLoss()) {
                sum += v;
            }
        }
        DataSet trainLoss = loss.getRenderers().get(0).getDatasets().get(0);
        assertThat(values(trainLoss, DataSet.DIM_Y)[EPOCHS * STEPS - 1]).isEqualTo(sum / (EPOCHS * STEPS),
                within(1e-4));
        assertThat(loss.getRenderers().get(0).getDatasets().get(1).getDataCount()).isEqualTo(EPOCHS * STEPS);
        assertThat(robot.lookup("#supernetCaption").queryAs(Label.class).getText())
                .contains("DARTS super-network, epoch 3 of 3").contains("alpha entropy");

        // the history slider back to the first snapshot: its softmax(alpha) per edge
        List<PolicySnapshot> snaps;
        try (RunStore s = RunStores.open(store)) {
            snaps = s.snapshots(runId, 0, 0);
        }
        assertThat(snaps).hasSize(TRIALS);
        Slider slider = robot.lookup("#historySlider").queryAs(Slider.class);
        robot.interact(() -> d.model().historyIndexProperty().set(0));
        await(() -> d.model().shownHistoryIndex() == 0);
        assertThat(slider.isDisabled()).isFalse();
        for (int slot = 0; slot < 6; slot++) {
            float[] p = snaps.get(0).probabilities()[slot];
            double[] shown = d.model().shownBars(slot);
            for (int c = 0; c < p.length; c++) {
                assertThat(shown[c]).isEqualTo(p[c], within(1e-6));
            }
        }
        assertThat(d.model().historyLabelProperty().get()).contains("DARTS policy after 1 observations (1 of 4)");
        // the decision over time: one point per snapshot for every operation of the edge
        for (DataSet ds : d.model().evolution()) {
            assertThat(ds.getDataCount()).isEqualTo(TRIALS);
        }

        // the final derived cell in the inspector: NAS-Bench-201's DAG and the epoch that found it
        TrialRecord last = trials.get(EPOCHS - 1);
        robot.interact(() -> view.inspect(runId, last.seq(), false));
        await(() -> view.inspector().paneA().shown() != null
                && view.inspector().paneA().shown().trial().seq() == last.seq());
        TrialFacts f = view.inspector().paneA().shown();
        assertThat(view.inspector().paneA().graph().drawing().graph().kind()).isEqualTo("nas-bench-201");
        assertThat(view.inspector().paneA().graph().drawing().arrows()).hasSize(6);
        assertThat(f.facts()).anySatisfy(x -> {
            assertThat(x.label()).isEqualTo("Found by");
            assertThat(x.value()).startsWith("DARTS super-network, search epoch 3 of 3");
        });
    }
}
