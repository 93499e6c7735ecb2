package io.wayfinder.ui.shell;

import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.RunRecord;
import io.wayfinder.service.SearchService;
import io.wayfinder.store.RunStore;
import io.wayfinder.ui.common.Coalescer;
import io.wayfinder.ui.common.Formats;
import io.wayfinder.ui.dashboard.DashboardViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import io.wayfinder.ui.common.UserSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state and commands: the open project, the runs in the store, the search service's state for the
 * status bar, recent projects. Holds no controls; service events reach it on background threads and are coalesced
 * onto the UI executor.
 */
public final class MainWindowViewModel implements AutoCloseable {

    private final SearchService service;
    private final Executor ui;
    private final String storeLocation;
    private final UserSettings settings;
    private final java.util.concurrent.ScheduledExecutorService poller;
    private volatile String runsSignature = "";
    private volatile boolean closed;
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    private final StringProperty state = new SimpleStringProperty("idle");
    private final StringProperty trials = new SimpleStringProperty("");
    private final StringProperty eta = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final BooleanProperty canStart = new SimpleBooleanProperty(false);
    private final BooleanProperty canPause = new SimpleBooleanProperty(false);
    private final BooleanProperty canResume = new SimpleBooleanProperty(false);
    private final BooleanProperty canStop = new SimpleBooleanProperty(false);
    private final ObjectProperty<DashboardViewModel> dashboard = new SimpleObjectProperty<>();
    private final Coalescer progressToUi;
    private volatile long openedForRun = -1;
    private SearchService.State lastState;
    private io.wayfinder.ui.compare.ComparisonViewModel comparison;

    /**
     * @param settings the user's settings (recent projects, workers); {@code UserSettings.load(null)} for none
     */
    public MainWindowViewModel(SearchService service, Path storePath, Executor ui, UserSettings settings) {
        this(service, storePath.toString(), ui, settings);
    }

    /**
     * @param storeLocation the store: a file, or a database URL (shown without user and password)
     * @param settings      the user's settings (recent projects, workers); {@code UserSettings.load(null)} for none
     */
    public MainWindowViewModel(SearchService service, String storeLocation, Executor ui, UserSettings settings) {
        this.service = service;
        this.ui = ui;
        this.storeLocation = storeLocation;
        this.settings = settings == null ? UserSettings.load((Path) null) : settings;
        this.progressToUi = new Coalescer(ui, this::showProgress);
        service.addListener(new SearchService.Listener() {
            @Override
            public void progress(SearchService.Progress p) {
                progressToUi.request();
            }

            @Override
            public void trialObserved(io.wayfinder.run.TrialRecord trial) {
                DashboardViewModel d = dashboard.get();
                if (d != null && d.runId() == trial.runId()) {
                    d.nudge();
                }
            }
        });
        recentProjects.setAll(this.settings.recentProjects());
        project.addListener((o, a, b) -> updateCommands());
        refreshRuns();
        showProgress();
        // runs written by another process (a `wayfinder run` on the same store) appear without a manual refresh
        poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wayfinder-runs-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollRuns, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static String signature(List<RunRecord> runs) {
        StringBuilder b = new StringBuilder();
        for (RunRecord r : runs) {
            b.append(r.id()).append(':').append(r.status()).append(';');
        }
        return b.toString();
    }

    private void pollRuns() {
        if (closed) {
            return;
        }
        try {
            String now = signature(store().runs());
            if (!now.equals(runsSignature)) {
                ui.execute(this::refreshRuns);
            }
        } catch (RuntimeException e) {
            // the store is closing or busy: try again at the next tick
        }
    }

    public UserSettings settings() {
        return settings;
    }

    /**
     * Stops the running search and, once it has ended (trials in flight are marked interrupted, so nothing recorded
     * is lost and the run can be resumed), runs {@code then} on the UI executor.
     */
    public void stopThen(Runnable then) {
        stop();
        Thread t = new Thread(() -> {
            try {
                service.awaitIdle(600_000);
            } catch (Exception e) {
                // ended with an error or timed out: the run's state is in the store either way
            }
            ui.execute(then);
        }, "wayfinder-stop-then");
        t.setDaemon(true);
        t.start();
    }

    public RunStore store() {
        return service.store();
    }

    public SearchService service() {
        return service;
    }

    /** The store's location as opened: a file path or a database URL (may hold a password: never show it). */
    public String storeLocation() {
        return storeLocation;
    }

    /** The store's location as it may be shown: a database URL without user name and password. */
    public String storeShown() {
        return io.wayfinder.store.RunStores.shown(storeLocation);
    }

    /** Opens a project file (errors come back as an {@link io.wayfinder.run.InputException}). */
    public Project openProject(Path file) {
        Project p = ProjectCodec.read(file);
        project.set(p);
        settings.addRecentProject(file);
        recentProjects.setAll(settings.recentProjects());
        settings.save();
        return p;
    }

    public void refreshRuns() {
        if (closed) {
            return; // a late event after the window closed: the store is gone
        }
        List<RunRecord> all = new ArrayList<>(store().runs());
        runsSignature = signature(all);
        java.util.Collections.reverse(all);
        if (!all.equals(runs)) {
            runs.setAll(all);
        }
    }

    /** A run's status as the navigator shows it: "interrupted" for a run stored as running whose process is gone. */
    public String statusOf(RunRecord r) {
        return io.wayfinder.service.RunOwners.interruption(store(), r).map(x -> "interrupted")
                .orElse(r.status().name().toLowerCase(Locale.ROOT));
    }

    /** Starts a search of the open project; the dashboard opens when the run exists. */
    public void startSearch() {
        Project p = project.get();
        if (p == null) {
            throw new IllegalStateException("open a project first");
        }
        openedForRun = -1;
        if (settings.workers() > 0) {
            io.wayfinder.project.ExecutionSettings e = p.execution();
            p = p.withExecution(new io.wayfinder.project.ExecutionSettings(settings.workers(), e.failureReward(),
                    e.checkpointEvery()));
        }
        service.start(p);
        updateCommands();
    }

    public void pause() {
        service.pause();
    }

    /** Continues a paused search, or resumes the followed run when its process is gone (it takes the run over). */
    public void resume() {
        SearchService.Progress p = service.progress();
        if (p.state() == SearchService.State.INTERRUPTED && p.runId() >= 0) {
            service.resumeRun(p.runId());
            updateCommands();
        } else {
            service.resume();
        }
    }

    public void togglePause() {
        SearchService.State s = service.progress().state();
        if (s == SearchService.State.PAUSED || s == SearchService.State.INTERRUPTED) {
            resume();
        } else {
            pause();
        }
    }

    public void stop() {
        service.stop();
    }

    /** Opens a run's dashboard and, when another process is writing it, follows its progress in the status bar. */
    public DashboardViewModel openRun(long runId) {
        if (!service.busy()) {
            service.attach(runId);
        }
        return showDashboard(runId);
    }

    private DashboardViewModel showDashboard(long runId) {
        DashboardViewModel old = dashboard.get();
        if (old != null && old.runId() == runId) {
            return old;
        }
        if (old != null) {
            old.close();
        }
        DashboardViewModel d = new DashboardViewModel(store(), runId, ui).follow();
        openedForRun = runId;
        dashboard.set(d);
        return d;
    }

    private void showProgress() {
        if (closed) {
            return;
        }
        SearchService.Progress p = service.progress();
        state.set(p.state().name().toLowerCase(Locale.ROOT) + (p.runId() >= 0 ? " · run " + p.runId() : ""));
        trials.set(p.requested() > 0 ? p.observed() + " / " + p.requested() + " trials"
                + (p.trialsPerSecond() > 0 ? " · " + io.wayfinder.ui.common.Formats.rate(p.trialsPerSecond()) : "") : "");
        eta.set(p.etaMillis() >= 0 ? "ETA " + Formats.duration(p.etaMillis()) : "");
        message.set(p.message() == null ? "" : p.message());
        fraction.set(p.requested() > 0 ? p.fraction() : 0);
        if (p.runId() >= 0 && service.busy() && openedForRun != p.runId()) {
            refreshRuns();
            showDashboard(p.runId());
        }
        if (!service.busy() && p.state() != SearchService.State.FOLLOWING && p.state() != SearchService.State.IDLE
                || p.state() != lastState) {
            // also on every change of state: an interrupted run resumed here shows as running in the navigator
            refreshRuns();
        }
        lastState = p.state();
        updateCommands();
    }

    private void updateCommands() {
        SearchService.State s = service.progress().state();
        canStart.set(project.get() != null && !service.busy());
        canPause.set(s == SearchService.State.RUNNING);
        canResume.set(s == SearchService.State.PAUSED || s == SearchService.State.INTERRUPTED);
        canStop.set(s == SearchService.State.RUNNING || s == SearchService.State.PAUSED
                || s == SearchService.State.PREPARING);
    }

    public ObjectProperty<Project> projectProperty() {
        return project;
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    public ObservableList<Path> recentProjects() {
        return recentProjects;
    }

    public StringProperty stateProperty() {
        return state;
    }

    public StringProperty trialsProperty() {
        return trials;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public DoubleProperty fractionProperty() {
        return fraction;
    }

    public BooleanProperty canStartProperty() {
        return canStart;
    }

    public BooleanProperty canPauseProperty() {
        return canPause;
    }

    public BooleanProperty canResumeProperty() {
        return canResume;
    }

    public BooleanProperty canStopProperty() {
        return canStop;
    }

    /** The comparison screen's model (created on first use; loads and computes on a background thread). */
    public io.wayfinder.ui.compare.ComparisonViewModel comparison() {
        if (comparison == null) {
            java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "wayfinder-comparison");
                t.setDaemon(true);
                return t;
            });
            comparison = new io.wayfinder.ui.compare.ComparisonViewModel(store(), ui, worker);
        }
        return comparison;
    }

    public ObjectProperty<DashboardViewModel> dashboardProperty() {
        return dashboard;
    }

    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        DashboardViewModel d = dashboard.get();
        if (d != null) {
            d.close();
        }
        service.close();
    }
}
