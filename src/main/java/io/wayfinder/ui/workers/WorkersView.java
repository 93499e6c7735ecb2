package io.wayfinder.ui.workers;

import io.wayfinder.ui.common.Formats;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Workers screen: a distributed run's workers (host, process, state, the trial it trains, trials done, trials/h,
 * last heartbeat) above its observed trials with the worker that trained each, both refreshed live by a
 * {@link WorkersViewModel}. Shows the run the dashboard has open.
 */
public final class WorkersView extends VBox {
    private final Label summary = new Label("Open a run from the navigator to see its workers.");
    private final TableView<WorkersViewModel.WorkerRow> workers = new TableView<>();
    private final TableView<WorkersViewModel.TrialRow> trials = new TableView<>();
    private WorkersViewModel model;
    private boolean shown;

    public WorkersView() {
        setId("workersScreen");
        setSpacing(8);
        setPadding(new Insets(10));
        summary.setId("workersSummary");
        summary.setWrapText(true);
        workers.setId("workersTable");
        workers.setPlaceholder(new Label("No workers have claimed a trial of this run."));
        workers.getColumns().add(column("Worker", WorkersViewModel.WorkerRow::id, 190));
        workers.getColumns().add(column("Host", WorkersViewModel.WorkerRow::host, 130));
        workers.getColumns().add(column("PID", WorkersViewModel.WorkerRow::pid, 70));
        workers.getColumns().add(column("State", WorkersViewModel.WorkerRow::state, 130));
        workers.getColumns().add(column("Current trial", WorkersViewModel.WorkerRow::currentTrial, 100));
        workers.getColumns().add(column("Trials done", WorkersViewModel.WorkerRow::trialsDone, 90));
        workers.getColumns().add(column("Trials/h", WorkersViewModel.WorkerRow::trialsPerHour, 110));
        workers.getColumns().add(column("Last heartbeat", WorkersViewModel.WorkerRow::lastHeartbeat, 120));
        workers.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(WorkersViewModel.WorkerRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("worker-gone");
                if (!empty && item != null && !item.alive()) {
                    getStyleClass().add("worker-gone");
                }
            }
        });
        workers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        workers.setPrefHeight(220);

        trials.setId("workerTrialsTable");
        trials.setPlaceholder(new Label("No trial observed yet."));
        trials.getColumns().add(column("Trial", WorkersViewModel.TrialRow::seq, 70));
        trials.getColumns().add(column("Attempt", WorkersViewModel.TrialRow::attempt, 70));
        trials.getColumns().add(column("Task", WorkersViewModel.TrialRow::task, 130));
        trials.getColumns().add(column("Worker", WorkersViewModel.TrialRow::worker, 190));
        trials.getColumns().add(column("Status", WorkersViewModel.TrialRow::status, 90));
        TableColumn<WorkersViewModel.TrialRow, Double> reward = column("Reward", WorkersViewModel.TrialRow::reward, 90);
        reward.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Formats.metric(v));
            }
        });
        trials.getColumns().add(reward);
        TableColumn<WorkersViewModel.TrialRow, Long> duration = column("Duration",
                WorkersViewModel.TrialRow::durationMillis, 100);
        duration.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v < 1000 ? v + " ms" : Formats.duration(v));
            }
        });
        trials.getColumns().add(duration);
        trials.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label trialsTitle = new Label("Observed trials, newest first, with the worker that trained each "
                + "(duration includes the time queued)");
        trialsTitle.getStyleClass().add("muted");
        VBox.setVgrow(trials, Priority.ALWAYS);
        getChildren().addAll(summary, workers, trialsTitle, trials);
    }

    /** Shows a run's workers (closing the previous run's model), or nothing when {@code m} is null. */
    public void setModel(WorkersViewModel m) {
        if (model != null) {
            model.active(false);
            model.close();
            summary.textProperty().unbind();
        }
        model = m;
        if (m == null) {
            workers.setItems(javafx.collections.FXCollections.observableArrayList());
            trials.setItems(javafx.collections.FXCollections.observableArrayList());
            summary.setText("Open a run from the navigator to see its workers.");
            return;
        }
        workers.setItems(m.workers());
        trials.setItems(m.trials());
        summary.textProperty().bind(m.summaryProperty());
        m.active(shown);
    }

    /** Whether the screen is on show: the store is read only then. */
    public void shown(boolean on) {
        shown = on;
        if (model != null) {
            model.active(on);
        }
    }

    public WorkersViewModel model() {
        return model;
    }

    public TableView<WorkersViewModel.WorkerRow> workersTable() {
        return workers;
    }

    public TableView<WorkersViewModel.TrialRow> trialsTable() {
        return trials;
    }

    private static <S, T> TableColumn<S, T> column(String name, Function<S, T> value, double width) {
        TableColumn<S, T> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
