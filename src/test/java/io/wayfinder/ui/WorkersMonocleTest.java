package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.cli.Main;
import io.wayfinder.exec.RunOwnership;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.PostgresCluster;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.inspector.TrialFacts;
import io.wayfinder.ui.shell.MainWindowView;
import io.wayfinder.ui.workers.WorkersViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
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
 * The workbench (headless, Monocle) opened on a real shared store: a throwaway PostgreSQL cluster, a coordinator JVM
 * ({@code wayfinder run --workers 0}) and two worker JVMs ({@code wayfinder worker}) running AML on the tabular
 * NAS-Bench-201 benchmark, each trial paced to 1.5 s (far shorter than a third of the default 30 s lease, so no
 * heartbeat says "training": the screen knows it from the workers' claims in the queue). The navigator finds the run another process created, the dashboard follows it, and the Workers screen
 * shows both worker processes (host, pid, state, current trial) while they train and every observed trial with the
 * worker that trained it; the inspector names a trial's worker.
 */
@ExtendWith(ApplicationExtension.class)
class WorkersMonocleTest {
    private static final int TRIALS = 24;
    private static String url;
    private MainWindowView view;
    private Stage stage;
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        url = PostgresCluster.get().newDatabase();
        view = Workbench.open(stage, new Workbench.Options(null, url, TestData.dataDirectory(), dir, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(10, TimeUnit.SECONDS);
    }

    private Process java(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx400m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("p" + processes.size() + "-" + args[0] + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    private void await(String what, int seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder b = new StringBuilder("timed out waiting for " + what);
            if (view.workers().model() != null) {
                b.append("\nworkers screen: ").append(view.workers().model().summaryProperty().get())
                        .append("\n").append(view.workers().model().workers());
            }
            try (var logs = Files.list(dir)) {
                for (Path log : logs.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(log);
                    b.append("\n--- ").append(log.getFileName()).append(" (last lines)\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                }
            } catch (java.io.IOException io) {
                b.append("\n(logs unreadable: ").append(io.getMessage()).append(')');
            }
            throw new AssertionError(b.toString());
        }
    }

    @Test
    void workersScreenFollowsADistributedRunOnPostgres(FxRobot robot) throws Exception {
        Path data = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv").getParent().getParent();
        Path project = dir.resolve("paced.json");
        Files.writeString(project, Files.readString(Path.of("sample-projects", "nas201-aml-cifar100.json"))
                .replace("\"scale\": 0.01", "\"scale\": 0.01, \"simulatedMillis\": 1500")
                .replace("\"spaces/nas-bench-201.json\"", "\"" + Path.of("sample-projects/spaces/nas-bench-201.json")
                        .toAbsolutePath() + "\""));
        assertThat(view.model().storeShown()).isEqualTo(url.replace("?user=wayfinder", ""));

        java("run", project.toString(), "--trials", Integer.toString(TRIALS), "--workers", "0",
                "--store", url, "--data", data.toString());
        // the navigator's poll finds the run the coordinator created in the shared store
        await("the coordinator's run in the navigator", 120, () -> view.model().runs().size() == 1);
        long run = view.model().runs().get(0).id();
        String[] worker = {"worker", "--run", Long.toString(run), "--store", url, "--data", data.toString()};
        Process w1 = java(worker);
        Process w2 = java(worker);
        robot.interact(() -> {
            view.openRunById(run);
            view.showWorkers();
        });
        await("the dashboard of the run", 30, () -> view.dashboard() != null);
        WorkersViewModel workers = view.workers().model();
        assertThat(workers.runId()).isEqualTo(run);

        // live: both worker processes listed, at least one of them training a trial, while the run goes on
        await("both workers, one training", 120, () -> workers.workers().size() == 2
                && workers.workers().stream().anyMatch(w -> w.state().equals("training")
                && w.currentTrial().startsWith("#")));
        assertThat(view.workers().workersTable().getItems()).hasSize(2);
        try (RunStore store = RunStores.open(url)) {
            assertThat(store.countObserved(run)).as("seen while the run was going on").isLessThan(TRIALS);
        }
        assertThat(workers.workers()).extracting(WorkersViewModel.WorkerRow::pid)
                .containsExactlyInAnyOrder(w1.pid(), w2.pid());
        assertThat(workers.workers()).allSatisfy(w -> {
            assertThat(w.host()).isEqualTo(RunOwnership.host());
            assertThat(w.id()).isEqualTo(w.host() + ":" + w.pid());
            assertThat(w.lastHeartbeat()).matches("now|\\d+ s ago");
        });

        // every observed trial appears with the worker that trained it; the dashboard followed to the end
        await("the run's end in the navigator", 180, () -> view.model().statusOf(view.model().runs().get(0))
                .equals("finished"));
        await("every trial on the Workers screen", 30, () -> workers.trials().size() == TRIALS
                && workers.summaryProperty().get().contains(TRIALS + " trials observed, " + TRIALS + " of them"));
        await("every trial on the dashboard", 30, () -> view.dashboard().model().rows().size() >= TRIALS);
        Set<String> ids = workers.workers().stream().map(WorkersViewModel.WorkerRow::id).collect(Collectors.toSet());
        assertThat(view.workers().trialsTable().getItems()).hasSize(TRIALS)
                .allSatisfy(t -> assertThat(ids).contains(t.worker()));
        assertThat(workers.trials()).extracting(WorkersViewModel.TrialRow::seq).doesNotHaveDuplicates();
        assertThat(workers.trials().get(0).seq()).as("newest first").isGreaterThan(workers.trials()
                .get(TRIALS - 1).seq());
        Map<String, Long> perWorker = workers.trials().stream()
                .collect(Collectors.groupingBy(WorkersViewModel.TrialRow::worker, Collectors.counting()));
        assertThat(perWorker).as("both workers trained trials").hasSize(2);
        await("the workers' final counts", 30, () -> workers.workers().stream()
                .allMatch(w -> perWorker.get(w.id()) != null && w.trialsDone() == perWorker.get(w.id())));
        try (RunStore store = RunStores.open(url)) {
            assertThat(store.run(run).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
            Map<Long, String> stored = store.trialWorkers(run);
            for (TrialRecord t : store.observedTrials(run, -1)) {
                assertThat(workers.trials()).filteredOn(r -> r.seq() == t.seq())
                        .singleElement().extracting(WorkersViewModel.TrialRow::worker).isEqualTo(stored.get(t.id()));
            }
        }

        // the inspector names the worker of a trial
        robot.interact(() -> view.inspect(run, 3, false));
        await("trial 3 in the inspector", 30, () -> view.inspector().paneA().shown() != null
                && view.inspector().paneA().shown().trial().seq() == 3);
        TrialFacts facts = view.inspector().paneA().shown();
        String trainedBy = workers.trials().stream().filter(t -> t.seq() == 3).findFirst().orElseThrow().worker();
        assertThat(facts.fact("Worker")).isEqualTo(trainedBy);
    }

    @Test
    void anotherSharedStoreOpensInTheSameWindowAndOneOutOfReachIsRefused(FxRobot robot) throws Exception {
        String other = PostgresCluster.get().newDatabase();
        String shown = RunStores.shown(other);
        assertThat(shown).doesNotContain("user").doesNotContain("?");
        robot.interact(() -> view.openStore(other + "&password=ignored-by-trust-auth"));
        await("the window on the other store", 60, () -> robot.lookup((javafx.scene.control.Label l) ->
                ("store " + shown).equals(l.getText())).tryQuery().isPresent());

        robot.interact(() -> view.openStore("postgresql://127.0.0.1:1/nothere"));
        await("the refusal", 60, () -> robot.lookup((javafx.scene.control.Label l) ->
                l.getText() != null && l.getText().startsWith("Cannot open postgresql://127.0.0.1:1/nothere"))
                .tryQuery().isPresent());
        assertThat(robot.lookup((javafx.scene.control.Label l) -> ("store " + shown).equals(l.getText()))
                .tryQuery()).as("still on the store it had").isPresent();
    }
}
