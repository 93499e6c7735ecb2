package io.wayfinder.ui.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.service.SearchService;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.TabularRuns;
import io.wayfinder.ui.Workbench;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench as a new user meets it, headless (Monocle): the welcome view on the real sample projects, a one-click
 * start of the quickest, one's own data set turned into a project, and quitting while a search runs.
 */
@ExtendWith(ApplicationExtension.class)
class WelcomeAndQuitTest {
    @TempDir
    static Path dir;
    private MainWindowView view;
    private Stage stage;
    private Path store;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        store = Files.createTempDirectory(dir, "store").resolve("runs.db");
        view = Workbench.open(stage, new Workbench.Options(null, store, TestData.dataDirectory(), dir, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (stage.isShowing()) {
                view.model().stop();
                stage.hide();
            }
        }).get(30, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            // on the FX thread: a node lookup from this thread raced the dashboard's updates of the scene graph
            // (IndexOutOfBoundsException inside Parent.lookupAll, seen once in CI)
            return WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(30, TimeUnit.SECONDS);
        });
    }

    @Test
    void opensOnTheSamplesWithTheirDataAndStartsTheQuickestInOneClick(FxRobot robot) throws Exception {
        WelcomeViewModel w = view.welcome().model();
        await(() -> w.loadedProperty().get());
        assertThat(view.screens().getSelectionModel().getSelectedItem().getId()).isEqualTo("welcomeTab");
        assertThat(w.samples()).extracting(WelcomeViewModel.Sample::name)
                .contains("convnet-fashion-mnist", "nas201-random-cifar10", "ptb-cell-aml", "text-sms-spam-random");
        WelcomeViewModel.Sample fashion = w.samples().stream().filter(s -> s.name().equals("convnet-fashion-mnist"))
                .findFirst().orElseThrow();
        assertThat(fashion.data()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
            assertThat(d.present()).isEqualTo(Files.isDirectory(d.location()));
        });
        assertThat(robot.lookup("#sample-convnet-fashion-mnist").tryQuery()).isPresent();
        assertThat(robot.lookup("#welcomeStatus").queryAs(Label.class).getText())
                .contains(w.samples().size() + " sample projects");

        TabularRuns.project(10, false); // skips the rest without NAS-Bench-201
        WelcomeViewModel.Sample quickest = w.quickest().orElseThrow();
        assertThat(quickest.speedRank()).isZero();
        assertThat(robot.lookup("#quickStart").queryAs(Button.class).getText()).isEqualTo("Start " + quickest.name());
        robot.clickOn("#quickStart");
        await(() -> view.model().stateProperty().get().startsWith("finished"));
        try (RunStore s = RunStores.open(store)) {
            List<RunRecord> runs = s.runs();
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo(quickest.name());
                assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
            });
            assertThat(s.countObserved(runs.get(0).id())).isEqualTo(quickest.trialsPerTask() * quickest.tasks());
        }
        await(() -> w.recentRuns().size() == 1);
    }

    @Test
    void aMissingDataSetSaysHowToGetIt() throws Exception {
        Path empty = Files.createTempDirectory(dir, "nodata");
        WelcomeViewModel.Sample s = WelcomeViewModel.describe(
                ProjectCodec.read(TestData.samples().resolve("nas201-random.json")), empty);
        assertThat(s.ready()).isFalse();
        assertThat(s.data()).singleElement().satisfies(d -> assertThat(d.howToGet())
                .startsWith("copy nats-bench-tss/ into " + empty));
        assertThat(WelcomeViewModel.howToGet("/usr/share/datasets/fashion-mnist", empty))
                .isEqualTo("sudo apt-get install dataset-fashion-mnist");
    }

    @Test
    void ownTsvBecomesAProjectWithoutEditingJsonAndBadLinesAreNamed(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "pos\tgood film\nneg\tbad film\nno tab on this line\n");
        robot.interact(() -> {
            robot.lookup("#ownName").queryTextInputControl().setText("my-reviews");
            robot.lookup("#ownLocation").queryTextInputControl().setText(bad.toString());
            robot.lookup("#ownCreate").queryButton().fire();
        });
        assertThat(robot.lookup("#ownMessage").queryAs(Label.class).getText())
                .isEqualTo(bad + ": line 3: label<TAB>text, found \"no tab on this line\"");
        assertThat(view.model().projectProperty().get()).isNull();

        Path good = dir.resolve("reviews.tsv");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? "pos" : "neg") + "\t" + (i % 2 == 0 ? "a fine and moving film " : "a dull film ") + i);
        }
        Files.write(good, lines);
        robot.interact(() -> {
            robot.lookup("#ownLocation").queryTextInputControl().setText(good.toString());
            robot.lookup("#ownCreate").queryButton().fire();
        });
        var project = view.model().projectProperty().get();
        assertThat(project).isNotNull();
        assertThat(project.name()).isEqualTo("my-reviews");
        assertThat(project.tasks()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("text");
            assertThat(t.data()).isEqualTo(good.toString());
        });
        assertThat(project.space().name()).isEqualTo("taml-text");
        assertThat(project.file()).exists();
    }

    @Test
    void quittingDuringASearchAsksThenStopsItCleanly(FxRobot robot) throws Exception {
        var project = TabularRuns.project(5_000_000, false);
        robot.interact(() -> {
            view.model().projectProperty().set(project);
            view.model().startSearch();
        });
        await(() -> view.model().service().progress().state() == SearchService.State.RUNNING
                && view.model().service().progress().observed() > 0);
        long run = view.model().service().progress().runId();

        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        await(() -> robot.lookup("#quitDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#quitDialog").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("A search is running");
        assertThat(dialog.getContentText()).contains("Run " + run).contains("marked interrupted")
                .contains("wayfinder resume " + run);
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(view.model().service().busy()).isTrue();

        robot.interact(view::requestClose);
        await(() -> robot.lookup("#quitDialog").tryQuery().isPresent());
        robot.clickOn("Stop and quit");
        await(() -> !stage.isShowing());
        try (RunStore s = RunStores.open(store)) {
            RunRecord r = s.run(run).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
            assertThat(s.trials(run)).noneMatch(t -> t.status() == TrialStatus.RUNNING);
            assertThat(s.countObserved(run)).isPositive();
        }
    }
}
