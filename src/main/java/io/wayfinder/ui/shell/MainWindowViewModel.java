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
import java.util.prefs.Preferences;
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
    private static final int RECENT = 8;

    private final SearchService service;
    private final Executor ui;
    private final Path storePath;
    private final Preferences prefs;
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

    public MainWindowViewModel(SearchService service, Path storePath, Executor ui, Preferences prefs) {
        this.service = service;
        this.ui = ui;
        this.storePath = storePath;
        this.prefs = prefs;
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
        if (prefs != null) {
            for (String s : prefs.get("recentProjects", "").split("\n")) {
                if (!s.isBlank()) {
                    recentProjects.add(Path.of(s));
                }
            }
        }
        project.addListener((o, a, b) -> updateCommands());
        refreshRuns();
        showProgress();
    }

    public RunStore store() {
        return service.store();
    }

    public SearchService service() {
        return service;
    }

    public Path storePath() {
        return storePath;
    }

    /** Opens a project file (errors come back as an {@link io.wayfinder.run.InputException}). */
    public Project openProject(Path file) {
        Project p = ProjectCodec.read(file);
        project.set(p);
        Path abs = file.toAbsolutePath().normalize();
        recentProjects.remove(abs);
        recentProjects.add(0, abs);
        while (recentProjects.size() > RECENT) {
            recentProjects.remove(RECENT);
        }
        if (prefs != null) {
            prefs.put("recentProjects", String.join("\n", recentProjects.stream().map(Path::toString).toList()));
        }
        return p;
    }

    public void refreshRuns() {
        List<RunRecord> all = new ArrayList<>(store().runs());
        java.util.Collections.reverse(all);
        runs.setAll(all);
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
        SearchService.Progress p = service.progress();
        state.set(p.state().name().toLowerCase(Locale.ROOT) + (p.runId() >= 0 ? " · run " + p.runId() : ""));
        trials.set(p.requested() > 0 ? p.observed() + " / " + p.requested() + " trials"
                + (p.trialsPerSecond() > 0 ? String.format(Locale.ROOT, " · %.0f/s", p.trialsPerSecond()) : "") : "");
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
        DashboardViewModel d = dashboard.get();
        if (d != null) {
            d.close();
        }
        service.close();
    }
}
