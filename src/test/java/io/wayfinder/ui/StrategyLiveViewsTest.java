package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import io.wayfinder.TestData;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.strategy.DecisionDensities;
import io.wayfinder.strategy.PopulationMember;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.ui.dashboard.DashboardView;
import io.wayfinder.ui.dashboard.MemberRow;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
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
 * Drives each strategy's live view in the real dashboard (Monocle, headless) on real NAS-Bench-201 runs of a few
 * hundred trials: PPO and MNMS policy bars, evolution's population, TPE's good/bad densities, and random search saying
 * it has no policy. The numbers shown must equal the strategy's own state, rebuilt independently by replaying the
 * run's trials into a fresh strategy.
 */
@ExtendWith(ApplicationExtension.class)
class StrategyLiveViewsTest {
    static final int TRIALS = 200;
    private static Path store;
    private static long ppo;
    private static long mnms;
    private static long evolution;
    private static long tpe;
    private static long random;
    private MainWindowView view;
    private Stage stage;

    @BeforeAll
    static void createRuns() throws Exception {
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        store = Files.createTempDirectory("wayfinder-live").resolve("runs.db");
        try (RunStore s = RunStores.open(store)) {
            ppo = run(s, "ppo");
            mnms = run(s, "mnms");
            evolution = InspectorRuns.run(s, ProjectCodec.read(TestData.samples().resolve("nas201-evolution.json"))
                    .withTrialsPerTask(TRIALS));
            tpe = run(s, "tpe");
            random = run(s, "random");
        }
    }

    /** The random-search sample with another strategy at its defaults (the stored project names only the id). */
    static long run(RunStore store, String strategy) throws InterruptedException {
        Project p = ProjectCodec.read(TestData.samples().resolve("nas201-random.json")).withTrialsPerTask(TRIALS)
                .withStrategy(new StrategySpec(strategy, null));
        return InspectorRuns.run(store, p);
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

    private DashboardView open(FxRobot robot, long runId) throws Exception {
        robot.interact(() -> view.openRunById(runId));
        await(() -> view.dashboard() != null && view.dashboard().model().runId() == runId
                && view.dashboard().model().rows().size() == TRIALS);
        return view.dashboard();
    }

    /** The strategy as replaying every stored trial of the run leaves it (not read from the run's checkpoint). */
    private static Strategy replayed(long runId) {
        try (RunStore s = RunStores.open(store)) {
            RunRecord r = s.run(runId).orElseThrow();
            Project p = Searches.storedProject(r);
            Strategy fresh = Strategies.create(p.strategy(), p.space(), 1, p.seed(), x -> Optional.empty());
            Strategy out = Strategies.create(p.strategy(), p.space(), 1, p.seed(), x -> Optional.empty());
            out.restore(SearchLoop.replayedStrategyState(s, runId, p, fresh));
            return out;
        }
    }

    private static double[] ys(DataSet ds) {
        return ds.lock().readLockGuard(() -> Arrays.copyOf(ds.getValues(DataSet.DIM_Y), ds.getDataCount()));
    }

    private static Tab tab(DashboardView d, String id) {
        return d.tabs().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElse(null);
    }

    @Test
    void ppoAndMnmsShowTheirPolicyAsBarsEqualToTheStrategysPolicy(FxRobot robot) throws Exception {
        for (long runId : List.of(ppo, mnms)) {
            DashboardView d = open(robot, runId);
            PolicySnapshot expected = replayed(runId).policy(0, TRIALS).orElseThrow();
            await(() -> d.model().historySizeProperty().get() == TRIALS && d.model().shownHistoryIndex() == TRIALS - 1);
            robot.interact(() -> d.tabs().getSelectionModel().select(0));
            for (int slot = 0; slot < expected.probabilities().length; slot++) {
                XYChart chart = robot.lookup("#bars-" + slot).queryAs(XYChart.class);
                double[] shown = ys(chart.getRenderers().get(0).getDatasets().get(0));
                float[] p = expected.probabilities()[slot];
                assertThat(shown).hasSize(p.length);
                for (int c = 0; c < p.length; c++) {
                    assertThat(shown[c]).as("run %d slot %d choice %d", runId, slot, c).isEqualTo(p[c], within(1e-6));
                }
            }
            assertThat(d.model().historyLabelProperty().get()).contains("policy after " + TRIALS + " observations");
            if (runId == ppo) {
                // the rewards chart saves as SVG from its data: one dot per trial; the trial table as CSV
                javafx.scene.Node rewards = robot.lookup("#rewardChart").query();
                String[] svg = new String[1];
                robot.interact(() -> svg[0] = io.wayfinder.ui.common.ChartExport.svg(rewards));
                assertThat(svg[0].split("<circle", -1).length - 1).isEqualTo(TRIALS);
                assertThat(svg[0]).contains("Reward per trial").contains("trials of cifar10");
                String csv = io.wayfinder.ui.common.TableExport.csv(d.table());
                assertThat(csv.lines().count()).isEqualTo(TRIALS + 1);
                assertThat(csv.lines().findFirst().orElseThrow()).startsWith("#,Task,Configuration,Reward");
            }
            // a policy strategy has no population or density tab
            assertThat(tab(d, "populationTab")).isNull();
            assertThat(tab(d, "densitiesTab")).isNull();
        }
    }

    @Test
    void evolutionShowsItsPopulationWithAgesRewardsAndTrials(FxRobot robot) throws Exception {
        DashboardView d = open(robot, evolution);
        Tab tab = tab(d, "populationTab");
        assertThat(tab).isNotNull();
        robot.interact(() -> d.tabs().getSelectionModel().select(tab));
        List<PopulationMember> expected = replayed(evolution).population(0).orElseThrow();
        assertThat(expected).hasSize(50);
        TableView<?> table = robot.lookup("#populationTable").queryAs(TableView.class);
        await(() -> table.getItems().size() == expected.size());
        List<TrialRecord> trials;
        try (RunStore s = RunStores.open(store)) {
            trials = s.trials(evolution);
        }
        for (int i = 0; i < expected.size(); i++) {
            MemberRow row = (MemberRow) table.getItems().get(i);
            PopulationMember m = expected.get(i);
            assertThat(row.reward()).isEqualTo(m.reward());
            assertThat(row.age()).isEqualTo(m.age()).isEqualTo(expected.size() - 1 - i);
            // the member is that trial of the run: same configuration and reward
            TrialRecord t = trials.stream().filter(x -> x.seq() == row.trial()).findFirst().orElseThrow();
            assertThat(t.configuration()).isEqualTo(m.configuration().indices());
            assertThat(t.reward()).isEqualTo(m.reward());
            assertThat(t.observeOrder()).isEqualTo(TRIALS - expected.size() + i);
            assertThat(row.configuration()).startsWith(d.model().space().flat().get(0).path() + "=");
        }
        // the cells show the rewards as the table formats them
        assertThat(TableViewCells.text(table, 2, 0)).isEqualTo(io.wayfinder.ui.common.Formats.metric(expected.get(0)
                .reward()));
        assertThat(robot.lookup("#populationCaption").queryAs(Label.class).getText())
                .contains("50 members").contains("after " + TRIALS + " observations").contains("tournament of 10");
        assertThat(robot.lookup("#hurdleLabel").queryAs(Label.class).getText())
                .contains("hurdles off (the project sets no \"hurdles\")");
        robot.interact(() -> d.tabs().getSelectionModel().select(0));
        assertThat(robot.lookup("#noPolicy").queryAs(Label.class).getText())
                .startsWith("Regularised evolution has no policy").contains("Population tab");
        // CSV and Markdown of the population table are what it shows
        String csv = io.wayfinder.ui.common.TableExport.csv(table);
        assertThat(csv.lines().count()).isEqualTo(51);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("Trial,Age,Reward,Configuration");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains(",49," + expected.get(0).reward() + ",");
        String md = io.wayfinder.ui.common.TableExport.markdown(table);
        assertThat(md.lines().skip(2).findFirst().orElseThrow()).startsWith("| #" + ((MemberRow) table.getItems()
                .get(0)).trial() + " | 49 | " + io.wayfinder.ui.common.Formats.metric(expected.get(0).reward()) + " |");
    }

    @Test
    void tpeShowsGoodAndBadDensitiesPerDecisionEqualToItsModel(FxRobot robot) throws Exception {
        DashboardView d = open(robot, tpe);
        Tab tab = tab(d, "densitiesTab");
        assertThat(tab).isNotNull();
        assertThat(tab.getText()).isEqualTo("TPE densities");
        robot.interact(() -> d.tabs().getSelectionModel().select(tab));
        DecisionDensities expected = replayed(tpe).densities(0).orElseThrow();
        assertThat(expected.observations()).isEqualTo(TRIALS);
        await(() -> d.model().strategyView().densitiesProperty().get() != null);
        for (int slot = 0; slot < expected.good().length; slot++) {
            XYChart chart = robot.lookup("#densities-" + slot).queryAs(XYChart.class);
            double[] good = ys(chart.getRenderers().get(0).getDatasets().get(0));
            double[] bad = ys(chart.getRenderers().get(0).getDatasets().get(1));
            for (int c = 0; c < expected.good()[slot].length; c++) {
                assertThat(good[c]).isEqualTo(expected.good()[slot][c], within(1e-6));
                assertThat(bad[c]).isEqualTo(expected.bad()[slot][c], within(1e-6));
            }
        }
        // the densities pane saves as SVG drawn from the same numbers: per decision, the good bars' heights are
        // proportional to l(x) (the first blue rectangle of each chart is its legend)
        javafx.scene.Node pane = robot.lookup("#densitiesPane").query();
        String[] out = new String[1];
        robot.interact(() -> out[0] = io.wayfinder.ui.common.ChartExport.svg(pane));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<rect [^>]*height=\"([0-9.]+)\" fill=\"#"
                + String.format("%06x", 0x1d4ed8) + "\"").matcher(out[0]);
        List<Double> blue = new java.util.ArrayList<>();
        while (m.find()) {
            blue.add(Double.parseDouble(m.group(1)));
        }
        int choices = expected.good()[0].length;
        assertThat(blue).hasSize(expected.good().length * (choices + 1));
        for (int slot = 0; slot < expected.good().length; slot++) {
            List<Double> bars = blue.subList(slot * (choices + 1) + 1, (slot + 1) * (choices + 1));
            double ph = bars.stream().mapToDouble(Double::doubleValue).sum();
            for (int c = 0; c < choices; c++) {
                assertThat(bars.get(c) / ph).as("slot %d choice %d", slot, c)
                        .isCloseTo(expected.good()[slot][c], within(0.002));
            }
        }
        assertThat(out[0]).contains(">e_1_0<").contains(">nor_conv_3x3<").contains(">good l(x)<");
        assertThat(robot.lookup("#densitiesCaption").queryAs(Label.class).getText())
                .contains("the best " + expected.goodTrials() + " counted as good")
                .contains(TRIALS + " of this task's observations");
    }

    @Test
    void randomSearchSaysPlainlyThatItHasNoPolicy(FxRobot robot) throws Exception {
        DashboardView d = open(robot, random);
        robot.interact(() -> d.tabs().getSelectionModel().select(0));
        assertThat(robot.lookup("#noPolicy").queryAs(Label.class).getText()).startsWith("Random search has no policy");
        assertThat(tab(d, "populationTab")).isNull();
        assertThat(tab(d, "densitiesTab")).isNull();
    }
}
