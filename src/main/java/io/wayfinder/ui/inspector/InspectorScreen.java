package io.wayfinder.ui.inspector;

import io.wayfinder.run.RunRecord;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inspector screen: a list of a task's best trials, and one or two trials side by side (A and B) with their
 * differences highlighted: configuration values in red, boxes drawn differently with a red border.
 */
public final class InspectorScreen extends BorderPane {
    private final TrialSource source;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "inspector-loader");
        t.setDaemon(true);
        return t;
    });
    private final InspectorPane a = new InspectorPane(false, "inspectorA");
    private final InspectorPane b = new InspectorPane(false, "inspectorB");
    private final SplitPane panes = new SplitPane(a);
    private final ComboBox<RunRecord> runChoice = new ComboBox<>();
    private final ComboBox<String> taskChoice = new ComboBox<>();
    private final Spinner<Integer> bestN = new Spinner<>(1, 100, 10);
    private final ListView<TrialFacts> bestList = new ListView<>();
    private final Label differences = new Label();
    private final Label status = new Label();

    public InspectorScreen(TrialSource source) {
        this.source = source;
        setId("inspectorScreen");
        runChoice.setId("inspectorRun");
        taskChoice.setId("inspectorTask");
        bestList.setId("inspectorBest");
        differences.setId("inspectorDifferences");
        runChoice.setPromptText("run");
        runChoice.setCellFactory(l -> new RunCell());
        runChoice.setButtonCell(new RunCell());
        runChoice.setMaxWidth(Double.MAX_VALUE);
        bestN.setPrefWidth(80);
        bestN.setEditable(true);
        runChoice.valueProperty().addListener((o, x, r) -> {
            taskChoice.setItems(FXCollections.observableArrayList(r == null ? List.of() : r.taskNames()));
            taskChoice.getSelectionModel().selectFirst();
        });
        taskChoice.valueProperty().addListener((o, x, t) -> refreshBest());
        bestN.valueProperty().addListener((o, x, n) -> refreshBest());
        bestList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TrialFacts f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : "#" + f.trial().seq() + "  reward " + f.fact("Reward")
                        + "  test " + f.fact("Test"));
            }
        });
        bestList.getSelectionModel().selectedItemProperty().addListener((o, x, f) -> {
            if (f != null) {
                showA(f);
            }
        });
        Button asB = new Button("Compare selected as B");
        asB.setId("inspectorAsB");
        asB.setOnAction(e -> {
            TrialFacts f = bestList.getSelectionModel().getSelectedItem();
            if (f != null) {
                showB(f);
            }
        });
        Button swap = new Button("Swap A and B");
        swap.setOnAction(e -> {
            TrialFacts x = a.shown();
            TrialFacts y = b.shown();
            if (x != null && y != null) {
                a.show(y);
                b.show(x);
                compare();
            }
        });
        Button clearB = new Button("Close B");
        clearB.setOnAction(e -> showB(null));
        a.addAction("Compare as B", this::showB);
        b.addAction("Show as A", this::showA);
        Label hint = new Label("Pick a run and task; the list shows its best trials by reward. Select one to show it "
                + "as A; \"Compare selected as B\" puts another beside it (another run's best, say).");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        VBox left = new VBox(6, new Label("Run"), runChoice, new Label("Task"), taskChoice,
                new HBox(6, new Label("Best"), bestN), bestList, asB, new HBox(6, swap, clearB), differences, status,
                hint);
        VBox.setVgrow(bestList, Priority.ALWAYS);
        left.setPadding(new Insets(6));
        left.setPrefWidth(250);
        left.setMinWidth(200);
        differences.setWrapText(true);
        status.setWrapText(true);
        status.getStyleClass().add("muted");
        setLeft(left);
        setCenter(panes);
    }

    /** Reloads the list of runs (after a run appears in the store). */
    public void refreshRuns() {
        run(source::runs, runs -> {
            RunRecord keep = runChoice.getValue();
            runChoice.setItems(FXCollections.observableArrayList(runs));
            if (keep != null) {
                runs.stream().filter(r -> r.id() == keep.id()).findFirst().ifPresent(runChoice::setValue);
            }
        });
    }

    /** Chooses the run whose best trials the list shows. */
    public void selectRun(long runId) {
        run(source::runs, runs -> {
            runChoice.setItems(FXCollections.observableArrayList(runs));
            runs.stream().filter(r -> r.id() == runId).findFirst().ifPresent(runChoice::setValue);
        });
    }

    private void refreshBest() {
        RunRecord r = runChoice.getValue();
        int task = taskChoice.getSelectionModel().getSelectedIndex();
        if (r == null || task < 0) {
            bestList.getItems().clear();
            return;
        }
        int n = bestN.getValue();
        run(() -> source.best(r.id(), task, n), list -> bestList.setItems(FXCollections.observableArrayList(list)));
    }

    /** Loads trial {@code seq} of a run and shows it as A (or B). */
    public void show(long runId, int seq, boolean asB) {
        run(() -> source.trial(runId, seq).orElse(null), f -> {
            if (f == null) {
                status.setText("run " + runId + " has no trial #" + seq);
            } else if (asB) {
                showB(f);
            } else {
                showA(f);
            }
        });
    }

    /** Loads the best trial of a task of a run and shows it as A (or B). */
    public void showBest(long runId, int task, boolean asB) {
        run(() -> source.best(runId, task, 1), list -> {
            if (list.isEmpty()) {
                status.setText("run " + runId + " has no finished trial");
            } else if (asB) {
                showB(list.get(0));
            } else {
                showA(list.get(0));
            }
        });
    }

    public void showA(TrialFacts f) {
        a.show(f);
        compare();
    }

    /** Shows {@code f} beside A (null closes B). */
    public void showB(TrialFacts f) {
        if (f == null) {
            b.show(null);
            panes.getItems().setAll(a);
            a.setVertical(false);
        } else {
            b.show(f);
            a.setVertical(true);
            b.setVertical(true);
            if (!panes.getItems().contains(b)) {
                panes.getItems().setAll(a, b);
                panes.setDividerPositions(0.5);
            }
        }
        compare();
    }

    private void compare() {
        TrialFacts x = a.shown();
        TrialFacts y = b.shown();
        if (x == null || y == null || !panes.getItems().contains(b)) {
            a.highlight(Set.of(), Set.of());
            differences.setText("");
            return;
        }
        Set<String> values = TrialFacts.differingValues(x, y);
        Set<String> nodesA = x.graph().isPresent() && y.graph().isPresent()
                ? TrialFacts.differingNodes(x.graph().get(), y.graph().get()) : Set.of();
        Set<String> nodesB = x.graph().isPresent() && y.graph().isPresent()
                ? TrialFacts.differingNodes(y.graph().get(), x.graph().get()) : Set.of();
        a.highlight(values, nodesA);
        b.highlight(values, nodesB);
        differences.setText(values.size() + " of " + Math.max(x.values().size(), y.values().size())
                + " decisions differ (red); reward " + x.fact("Reward") + " vs " + y.fact("Reward") + ", test "
                + x.fact("Test") + " vs " + y.fact("Test") + ".");
    }

    public InspectorPane paneA() {
        return a;
    }

    public InspectorPane paneB() {
        return b;
    }

    public ListView<TrialFacts> bestList() {
        return bestList;
    }

    public Label differences() {
        return differences;
    }

    public TrialSource source() {
        return source;
    }

    /** Runs {@code work} off the JavaFX thread and hands its result to {@code then} on it. */
    <T> void run(Supplier<T> work, java.util.function.Consumer<T> then) {
        status.setText("loading…");
        CompletableFuture.supplyAsync(work, loader).whenComplete((v, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                Throwable c = ex.getCause() == null ? ex : ex.getCause();
                status.setText("could not load: " + c.getMessage());
            } else {
                status.setText("");
                then.accept(v);
            }
        }));
    }

    private static final class RunCell extends ListCell<RunRecord> {
        @Override
        protected void updateItem(RunRecord r, boolean empty) {
            super.updateItem(r, empty);
            setText(empty || r == null ? null : TrialSource.label(r));
        }
    }
}
