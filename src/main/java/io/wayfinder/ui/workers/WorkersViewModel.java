package io.wayfinder.ui.workers;

import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.service.WorkerStatus;
import io.wayfinder.store.RunStore;
import io.wayfinder.ui.common.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Workers screen of one run, without controls: the run's workers as {@code wayfinder runs} reads them
 * ({@link WorkerStatus}) and its observed trials with the worker that trained each, newest first. Reads the store on
 * its own thread every {@code period} while active (the screen is shown), so it follows a run that a coordinator and
 * workers on other machines write; results reach the lists through the UI executor.
 */
public final class WorkersViewModel implements AutoCloseable {

    /** One worker as the table shows it. */
    public record WorkerRow(String id, String host, long pid, String state, String currentTrial, int trialsDone,
                            String trialsPerHour, String lastHeartbeat, boolean alive) {
        static WorkerRow of(WorkerStatus s) {
            return new WorkerRow(s.worker().id(), s.worker().host(), s.worker().pid(), s.stateText(),
                    s.currentTrial() >= 0 ? "#" + s.currentTrial() : "—", s.worker().trialsDone(),
                    Double.isNaN(s.trialsPerHour()) ? "n/a (first 10 s)"
                            : String.format(Locale.ROOT, "%.0f", s.trialsPerHour()),
                    age(s.heartbeatAgeMillis()), s.alive());
        }
    }

    /** One observed trial and the worker that trained it ({@code in-process} when the coordinator did). */
    public record TrialRow(int seq, int attempt, String task, String worker, String status, double reward,
                           long durationMillis) {
    }

    private final RunStore store;
    private final long runId;
    private final Executor ui;
    private final ObservableList<WorkerRow> workers = FXCollections.observableArrayList();
    private final ObservableList<TrialRow> trials = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("reading the run's workers…");
    private final ScheduledExecutorService poller;
    // read and written on the poller thread only
    private final List<TrialRow> read = new ArrayList<>();
    private int lastObserveOrder = -1;
    private List<String> taskNames;
    private volatile boolean active;
    private volatile boolean closed;

    public WorkersViewModel(RunStore store, long runId, Executor ui) {
        this.store = store;
        this.runId = runId;
        this.ui = ui;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wayfinder-workers-" + runId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading the store every {@code periodMillis} while {@link #active(boolean) active}. */
    public WorkersViewModel start(long periodMillis) {
        poller.scheduleWithFixedDelay(() -> {
            if (active) {
                refresh();
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether the screen is shown: the store is read only then (and at once when it becomes shown). */
    public void active(boolean on) {
        active = on;
        if (on && !closed) {
            poller.execute(this::refresh);
        }
    }

    public long runId() {
        return runId;
    }

    /** Reads the workers and the trials observed since the last read (the caller's thread; the poller's normally). */
    synchronized void refresh() {
        if (closed) {
            return;
        }
        try {
            if (taskNames == null) {
                taskNames = store.run(runId).map(RunRecord::taskNames).orElse(List.of());
            }
            List<WorkerStatus> statuses = WorkerStatus.of(store, runId);
            List<TrialRecord> fresh = store.observedTrialSummaries(runId, lastObserveOrder);
            Map<Long, String> trainedBy = fresh.isEmpty() ? Map.of() : store.trialWorkers(runId);
            List<TrialRow> added = new ArrayList<>(fresh.size());
            for (TrialRecord t : fresh) {
                lastObserveOrder = Math.max(lastObserveOrder, t.observeOrder());
                added.add(new TrialRow(t.seq(), t.attempt(), t.task() < taskNames.size() ? taskNames.get(t.task())
                        : "task " + t.task(), trainedBy.getOrDefault(t.id(), "in-process"),
                        t.status().name().toLowerCase(Locale.ROOT), t.reward(), t.durationMillis()));
            }
            read.addAll(added);
            List<WorkerRow> rows = statuses.stream().map(WorkerRow::of).toList();
            String text = summaryOf(statuses, read);
            java.util.Collections.reverse(added);
            ui.execute(() -> {
                if (closed) {
                    return;
                }
                if (!rows.equals(workers)) {
                    workers.setAll(rows);
                }
                if (!added.isEmpty()) {
                    trials.addAll(0, added);
                }
                summary.set(text);
            });
        } catch (RuntimeException e) {
            String text = "could not read the workers of run " + runId + ": " + e.getMessage();
            ui.execute(() -> summary.set(text));
        }
    }

    private String summaryOf(List<WorkerStatus> statuses, List<TrialRow> observed) {
        if (statuses.isEmpty()) {
            return "run " + runId + ": no workers (its trials train in the process that runs it; a run started with "
                    + "--store postgresql://… --workers N hands them to `wayfinder worker` processes)";
        }
        long alive = statuses.stream().filter(WorkerStatus::alive).count();
        long training = statuses.stream().filter(s -> s.alive() && s.currentTrial() >= 0).count();
        double rate = statuses.stream().filter(WorkerStatus::alive).mapToDouble(WorkerStatus::trialsPerHour)
                .filter(x -> !Double.isNaN(x)).sum();
        long hosts = statuses.stream().map(s -> s.worker().host()).distinct().count();
        long byWorkers = observed.stream().filter(t -> !"in-process".equals(t.worker())).count();
        return String.format(Locale.ROOT, "run %d · %d of %d workers alive on %d machine%s · %d training now · "
                + "%,d trials observed, %,d of them by workers · %.0f trials/h together", runId, alive,
                statuses.size(), hosts, hosts == 1 ? "" : "s", training, observed.size(), byWorkers, rate);
    }

    static String age(long millis) {
        return millis < 1000 ? "now" : Formats.duration(millis) + " ago";
    }

    public ObservableList<WorkerRow> workers() {
        return workers;
    }

    public ObservableList<TrialRow> trials() {
        return trials;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
    }
}
