package io.wayfinder.service;

import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.project.Project;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.RunStore;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search service the workbench drives: one search at a time, run by the same {@link Searches} and search loop the
 * command line uses, on a background thread. Start, pause, resume and stop are safe from any thread (the GUI calls
 * them on the FX thread; they only set flags or submit work). A run written by another process can be attached to and
 * followed instead. Listeners receive {@link Progress} on background threads and must hand it on quickly.
 */
public final class SearchService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    /** What the service is doing. */
    public enum State { IDLE, PREPARING, RUNNING, PAUSED, STOPPING, FOLLOWING, INTERRUPTED, FINISHED, STOPPED, FAILED }

    /**
     * A progress report.
     *
     * @param runId           the run, or -1
     * @param state           the service's state
     * @param observed        counted trials so far
     * @param requested       the run's budget
     * @param trialsPerSecond recent throughput (0 when unknown)
     * @param etaMillis       estimated time to the end, or -1
     * @param message         the last error or status message, or null
     */
    public record Progress(long runId, State state, int observed, int requested, double trialsPerSecond,
                           long etaMillis, String message) {
        public static final Progress IDLE = new Progress(-1, State.IDLE, 0, 0, 0, -1, null);

        public double fraction() {
            return requested <= 0 ? 0 : Math.min(1, (double) observed / requested);
        }
    }

    /** Receives progress and run events on background threads. */
    public interface Listener {
        void progress(Progress progress);

        /** A trial of the current run was observed (called on the search thread; keep it short). */
        default void trialObserved(TrialRecord trial) {
        }

        default void policyUpdated(List<PolicySnapshot> snapshots) {
        }
    }

    private final Searches searches;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wayfinder-search-service");
        t.setDaemon(true);
        return t;
    });
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Progress progress = Progress.IDLE;
    private volatile SearchControl control;
    private volatile ProgressPoller attached;
    private volatile Future<?> job;
    private final Throughput throughput = new Throughput();

    public SearchService(Searches searches) {
        this.searches = searches;
    }

    public RunStore store() {
        return searches.store();
    }

    public Progress progress() {
        return progress;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public boolean busy() {
        State s = progress.state();
        return s == State.PREPARING || s == State.RUNNING || s == State.PAUSED || s == State.STOPPING;
    }

    /** Starts a new run of a project in the background; the run's id arrives with the first progress report. */
    public synchronized void start(Project project) {
        launch(() -> {
            searches.checkFinalTraining(project);
            return searches.start(project);
        });
    }

    /** Continues a stored run in the background. */
    public synchronized void resumeRun(long runId) {
        launch(() -> searches.resume(runId, 0));
    }

    private interface Preparation {
        PreparedSearch prepare();
    }

    private void launch(Preparation preparation) {
        if (busy()) {
            throw new IllegalStateException("a search is already running; stop it first");
        }
        detach();
        SearchControl c = new SearchControl();
        control = c;
        publish(new Progress(-1, State.PREPARING, 0, 0, 0, -1, null));
        job = executor.submit(() -> {
            try (PreparedSearch search = preparation.prepare()) {
                RunStatus status = search.run(new Relay(c), c);
                if (status == RunStatus.FINISHED && search.project().finalTraining() != null && !c.stopRequested()) {
                    finalTraining(search, c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                publish(with(State.STOPPED, "interrupted"));
            } catch (RuntimeException e) {
                LOG.warn("search failed to start or run", e);
                publish(with(State.FAILED, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        });
    }

    public void pause() {
        SearchControl c = control;
        if (c != null && progress.state() == State.RUNNING) {
            c.pause();
            publish(with(State.PAUSED, null));
        }
    }

    public void resume() {
        SearchControl c = control;
        if (c != null && progress.state() == State.PAUSED) {
            c.resume();
            publish(with(State.RUNNING, null));
        }
    }

    public void stop() {
        SearchControl c = control;
        if (c != null && busy()) {
            publish(with(State.STOPPING, null));
            c.requestStop();
            c.resume();
        }
    }

    /**
     * Follows a run another process is writing (or a finished one): progress comes from the store. Returns the
     * follower so that a view can read the same batches.
     */
    public synchronized void attach(long runId) {
        if (busy()) {
            throw new IllegalStateException("a search is running in this workbench; stop it before attaching");
        }
        RunRecord run = store().run(runId).orElseThrow(() -> new NoSuchElementException("no run " + runId));
        detach();
        throughput.reset();
        publish(attachedProgress(run, store().countObserved(runId), 0));
        attached = new ProgressPoller(runId).start();
    }

    /** Stops following an attached run. */
    public synchronized void detach() {
        ProgressPoller f = attached;
        attached = null;
        if (f != null) {
            f.close();
        }
    }

    /**
     * The project's final training after its search finished: per task, its best configurations trained again as a
     * new run, followed like the search (the dashboard moves on to it).
     */
    private void finalTraining(PreparedSearch search, SearchControl c) throws InterruptedException {
        Project project = search.project();
        List<TrialRecord> trials = store().trials(search.runId());
        for (int task = 0; task < project.tasks().size() && !c.stopRequested(); task++) {
            List<TrialRecord> best = FinalTrainingPlan.best(trials, task, project.finalTraining().top());
            if (best.isEmpty()) {
                continue;
            }
            try (PreparedSearch fin = searches.start(FinalTrainingPlan.project(project, search.runId(), task,
                    best))) {
                if (fin.run(new Relay(c), c) != RunStatus.FINISHED) {
                    return;
                }
            }
        }
    }

    /** Waits for the current search to end (for tests and benchmarks). */
    public void awaitIdle(long timeoutMillis) throws Exception {
        Future<?> j = job;
        if (j != null) {
            j.get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The progress of a run another process writes: following it while its owner is alive, interrupted (with the
     * reason and a resume offer) when the store says running but the owner's process is gone.
     */
    private Progress attachedProgress(RunRecord r, int observed, double rate) {
        java.util.Optional<String> gone = RunOwners.interruption(store(), r);
        if (gone.isPresent()) {
            return new Progress(r.id(), State.INTERRUPTED, observed, r.requestedTrials(), 0, -1,
                    "interrupted: " + gone.get() + "; resume to continue from the last checkpoint");
        }
        State s = r.status() == RunStatus.RUNNING ? State.FOLLOWING : stateOf(r.status());
        return new Progress(r.id(), s, observed, r.requestedTrials(), rate,
                s == State.FOLLOWING ? eta(observed, r.requestedTrials(), rate) : -1, r.message());
    }

    private static State stateOf(RunStatus s) {
        switch (s) {
            case FINISHED:
                return State.FINISHED;
            case FAILED:
                return State.FAILED;
            case STOPPED:
                return State.STOPPED;
            case PAUSED:
                return State.PAUSED;
            case RUNNING:
                return State.FOLLOWING;
            default:
                return State.IDLE;
        }
    }

    private Progress with(State s, String message) {
        Progress p = progress;
        return new Progress(p.runId(), s, p.observed(), p.requested(), p.trialsPerSecond(),
                s == State.RUNNING ? p.etaMillis() : -1, message == null ? p.message() : message);
    }

    private void publish(Progress p) {
        progress = p;
        for (Listener l : listeners) {
            try {
                l.progress(p);
            } catch (RuntimeException e) {
                LOG.warn("progress listener failed", e);
            }
        }
    }

    static long eta(int observed, int requested, double rate) {
        return rate <= 0 || observed >= requested ? -1 : (long) ((requested - observed) / rate * 1000);
    }

    /** Turns the loop's events into progress reports (the loop calls it on its own thread). */
    private final class Relay implements SearchListener {
        private final SearchControl c;
        private long runId = -1;
        private long lastPublish;

        Relay(SearchControl c) {
            this.c = c;
        }

        @Override
        public void runStarted(long id, int observed, int requested) {
            runId = id;
            throughput.reset();
            throughput.add(observed);
            publish(new Progress(id, c.paused() ? State.PAUSED : State.RUNNING, observed, requested, 0, -1, null));
        }

        @Override
        public void trialFinished(TrialRecord trial, int observed, int requested) {
            double rate = throughput.add(observed);
            for (Listener l : listeners) {
                l.trialObserved(trial);
            }
            long now = System.nanoTime();
            // progress at most every 50 ms: a tabular run finishes thousands of trials a second
            if (now - lastPublish > 50_000_000L || observed == requested) {
                lastPublish = now;
                State s = c.stopRequested() ? State.STOPPING : c.paused() ? State.PAUSED : State.RUNNING;
                String message = trial.failureReason() == null ? null
                        : "trial " + trial.seq() + " failed: " + trial.failureReason();
                publish(new Progress(runId, s, observed, requested, rate, eta(observed, requested, rate),
                        message == null ? progress.message() : message));
            }
        }

        @Override
        public void policyUpdated(List<PolicySnapshot> snapshots) {
            for (Listener l : listeners) {
                l.policyUpdated(snapshots);
            }
        }

        @Override
        public void runEnded(long id, RunStatus status, String message) {
            Progress p = progress;
            publish(new Progress(id, stateOf(status) == State.FOLLOWING ? State.RUNNING : stateOf(status),
                    p.observed(), p.requested(), p.trialsPerSecond(), -1, message));
        }
    }

    /** Follows an attached run's progress: its record and its count of observed trials, twice a second. */
    private final class ProgressPoller implements AutoCloseable {
        private final long runId;
        private final Thread thread;
        private volatile boolean closed;

        ProgressPoller(long runId) {
            this.runId = runId;
            this.thread = new Thread(this::loop, "wayfinder-attach-run-" + runId);
            this.thread.setDaemon(true);
        }

        ProgressPoller start() {
            thread.start();
            return this;
        }

        private void loop() {
            Progress last = null;
            while (!closed) {
                try {
                    RunRecord r = store().run(runId).orElse(null);
                    if (r != null) {
                        int n = store().countObserved(runId);
                        Progress p = attachedProgress(r, n, throughput.add(n));
                        if (!p.equals(last) && !closed) {
                            publish(p);
                            last = p;
                        }
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("following run {}: {}", runId, e.toString());
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }

    /**
     * Trials per second over the last ten seconds, measured from the change of the observed count before that window
     * (at least the last two changes): a run of thousands of trials a second reads as its recent rate, and a run whose
     * trials take a minute each (one-shot search epochs) reads as one a minute, falling only as the wait grows.
     */
    static final class Throughput {
        static final long WINDOW_NANOS = 10_000_000_000L;
        private final java.util.ArrayDeque<long[]> changes = new java.util.ArrayDeque<>();

        synchronized void reset() {
            changes.clear();
        }

        synchronized double add(int observed) {
            return add(observed, System.nanoTime());
        }

        /** Records the observed count at {@code now} (nanoseconds) and returns the rate. */
        synchronized double add(int observed, long now) {
            if (changes.isEmpty() || changes.peekLast()[1] != observed) {
                changes.addLast(new long[] {now, observed});
            }
            // drop changes older than the window while the next is too, keeping at least two
            while (changes.size() > 2) {
                long[] first = changes.pollFirst();
                if (now - changes.peekFirst()[0] < WINDOW_NANOS) {
                    changes.addFirst(first);
                    break;
                }
            }
            long[] base = changes.peekFirst();
            double seconds = (now - base[0]) / 1e9;
            return seconds <= 0.05 ? 0 : Math.max(0, observed - base[1]) / seconds;
        }
    }

    @Override
    public void close() {
        stop();
        detach();
        executor.shutdown();
        try {
            executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
