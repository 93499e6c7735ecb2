package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.TestData;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.dashboard.DashboardView;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * Evolution with progressive dynamic hurdles on really trained text children (sms-spam, two towers): the population
 * view states the hurdle level, which must equal the mean first-stage reward the run's trials recorded.
 */
@ExtendWith(ApplicationExtension.class)
class HurdleViewTest {
    static final int TRIALS = 6;
    private static Path store;
    private static long run;
    private MainWindowView view;
    private Stage stage;

    @BeforeAll
    static void createRun() throws Exception {
        store = Files.createTempDirectory("wayfinder-hurdles").resolve("runs.db");
        ObjectNode strategy = Json.MAPPER.createObjectNode().put("name", "evolution");
        strategy.putObject("settings").put("population", 4).put("sample", 2).put("hurdleWarmup", 2)
                .putArray("hurdles").add(0.5);
        try (RunStore s = RunStores.open(store)) {
            run = InspectorRuns.text(s, strategy, TRIALS);
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

    @Test
    void populationViewStatesTheHurdleLevelTheTrialsRecorded(FxRobot robot) throws Exception {
        List<TrialRecord> trials;
        try (RunStore s = RunStores.open(store)) {
            trials = s.trials(run);
        }
        // the level is the mean first-stage reward of the counted children (warm-up 2, so it applies)
        double sum = 0;
        int n = 0;
        for (TrialRecord t : trials) {
            if (t.status().counted()) {
                JsonNode h = Json.readTree(t.details(), "trial").get("hurdle");
                assertThat(h.get("stageShares").get(0).asDouble()).isEqualTo(0.5);
                sum += h.get("stageRewards").get(0).asDouble();
                n++;
            }
        }
        assertThat(n).isEqualTo(TRIALS);
        String level = String.format(Locale.ROOT, "level %.4f (mean stage reward of %d children)", sum / n, n);

        robot.interact(() -> view.openRunById(run));
        await(() -> view.dashboard() != null && view.dashboard().model().rows().size() == TRIALS);
        DashboardView d = view.dashboard();
        Tab tab = d.tabs().getTabs().stream().filter(t -> "populationTab".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> d.tabs().getSelectionModel().select(tab));
        Label hurdles = robot.lookup("#hurdleLabel").queryAs(Label.class);
        await(() -> hurdles.getText().contains("level"));
        assertThat(hurdles.getText()).isEqualTo("Hurdles: stage 1 (50% of the budget): " + level
                + "; below it a child stops there.");
        TableView<?> table = robot.lookup("#populationTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(4);
        // each member says how it fared at the hurdle, as its trial recorded
        for (Object o : table.getItems()) {
            io.wayfinder.ui.dashboard.MemberRow r = (io.wayfinder.ui.dashboard.MemberRow) o;
            TrialRecord t = trials.stream().filter(x -> x.seq() == r.trial()).findFirst().orElseThrow();
            JsonNode h = Json.readTree(t.details(), "trial").get("hurdle");
            assertThat(r.hurdle()).startsWith(h.get("passed").asBoolean() ? "passed, fully trained (1.50 budgets)"
                    : "stopped at stage 1 (0.50 budget)");
        }
        assertThat(table.getColumns().get(3).getText()).isEqualTo("Hurdle");
        assertThat(table.getColumns().get(3).isVisible()).isTrue();
    }
}
