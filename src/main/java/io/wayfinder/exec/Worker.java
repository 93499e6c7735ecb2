package io.wayfinder.exec;

import io.wayfinder.run.ClaimedTrial;
import io.wayfinder.run.Json;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialResult;
import io.wayfinder.run.WorkerRecord;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.StoreException;
import io.wayfinder.task.Evaluation;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: claims a queued trial from the store, trains it, submits the result, and again. While it trains, a
 * daemon thread renews the claim's lease and the worker's heartbeat every third of the lease; a worker that dies stops
 * renewing, its lease expires and another worker claims the trial. A worker that finds its claim gone (the lease
 * expired while it was stalled, or the coordinator withdrew the trial) cancels training and drops the result, so a
 * trial's result is accepted from one worker only.
 */
public final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** The default claim lease: a worker silent for this long is presumed dead and its trial is handed out again. */
    public static final long DEFAULT_LEASE_MILLIS = 30_000;
    /** The longest wait between two claims of an idle worker that polls. */
    static final long MAX_IDLE_WAIT = 100;
    /** The same when the store wakes the worker on new work (PostgreSQL LISTEN/NOTIFY). */
    static final long MAX_IDLE_WAIT_NOTIFIED = 1_000;

    /** What a worker needs to train a claimed trial of some run: the run's space, the task and its evaluator. */
    public record Job(SearchSpace space, TaskSpec task, TrialEvaluator evaluator) {
    }

    /** Finds (and caches) the job of a claimed trial; the service layer builds it from the run's stored project. */
    public interface Jobs {
        Job job(ClaimedTrial trial);
    }

    private final RunStore store;
    private final String id;
    private final long runId;
    private final Jobs jobs;
    private final long leaseMillis;
    private final AtomicBoolean stop;
    private final Consumer<String> progress;
    private final long started = System.currentTimeMillis();
    private volatile long currentRun;
    private volatile int currentSeq = -1;
    private volatile String failure;
    private int done;

    /**
     * @param runId    the run to work for, or 0 for any run with queued trials
     * @param stop     set to stop after the current trial (the trial in flight is cancelled and left to its lease)
     * @param progress one line per trial, for the console or a log
     */
    public Worker(RunStore store, String id, long runId, Jobs jobs, long leaseMillis, AtomicBoolean stop,
                  Consumer<String> progress) {
        if (!store.sharesWork()) {
            throw new IllegalArgumentException("the store " + store.location() + " cannot share work with workers");
        }
        this.store = store;
        this.id = id;
        this.runId = runId;
        this.currentRun = runId;
        this.jobs = jobs;
        this.leaseMillis = leaseMillis;
        this.stop = stop;
        this.progress = progress == null ? s -> { } : progress;
    }

    /** {@code host:pid}, or {@code host:pid:n} for the n-th of several workers in one process. */
    public static String idFor(int thread, int threads) {
        String base = RunOwnership.host() + ":" + ProcessHandle.current().pid();
        return threads > 1 || thread > 0 ? base + ":" + thread : base;
    }

    public String id() {
        return id;
    }

    /**
     * Why this worker stopped on its own, or null: it cannot prepare a run's trials on this machine (data missing, an
     * unknown task kind). It stops instead of reporting every trial it claims as failed; its claim's lease expires and
     * a worker that can train the trial takes it.
     */
    public String failure() {
        return failure;
    }

    /** Trials whose results were accepted. */
    public int trialsDone() {
        return done;
    }

    private void beat(String state) {
        try {
            store.workerHeartbeat(new WorkerRecord(id, RunOwnership.host(), ProcessHandle.current().pid(), currentRun,
                    state, currentSeq, started, 0, done));
        } catch (StoreException e) {
            LOG.warn("worker {}: heartbeat failed: {}", id, e.getMessage());
        }
    }

    @Override
    public void run() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wayfinder-worker-lease");
            t.setDaemon(true);
            return t;
        });
        long backoff = 2;
        long lastBeat = 0;
        long lastRunCheck = 0;
        try {
            while (!stop.get() && failure == null) {
                long now = System.currentTimeMillis();
                if (now - lastBeat > leaseMillis / 3) {
                    beat("idle");
                    lastBeat = now;
                }
                if (runId > 0 && now - lastRunCheck > 1000) {
                    lastRunCheck = now;
                    Optional<RunRecord> run = store.run(runId);
                    if (run.isEmpty() || run.get().status() == RunStatus.FINISHED
                            || run.get().status() == RunStatus.FAILED) {
                        progress.accept("worker " + id + ": run " + runId + " is "
                                + run.map(r -> r.status().name().toLowerCase()).orElse("gone") + "; " + done
                                + " trial(s) trained here");
                        break;
                    }
                }
                Optional<ClaimedTrial> claim;
                try {
                    claim = store.claimTrial(id, runId, leaseMillis);
                } catch (StoreException e) {
                    LOG.warn("worker {}: cannot claim: {}", id, e.getMessage());
                    claim = Optional.empty();
                }
                if (claim.isEmpty()) {
                    // with LISTEN/NOTIFY a queued trial wakes the worker at once, so it can wait longer between
                    // polls (the polls still find claims whose lease expired, which notify nobody)
                    if (store.awaitWork(backoff)) {
                        backoff = 2;
                    } else {
                        backoff = Math.min(store.notifiesWork() ? MAX_IDLE_WAIT_NOTIFIED : MAX_IDLE_WAIT, backoff * 2);
                    }
                    continue;
                }
                backoff = 2;
                train(claim.get(), timer);
                lastBeat = System.currentTimeMillis();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timer.shutdownNow();
            currentSeq = -1;
            beat("stopped");
        }
    }

    private void train(ClaimedTrial c, ScheduledExecutorService timer) {
        currentRun = c.runId();
        currentSeq = c.seq();
        // no heartbeat here: a quick trial should cost two transactions (claim, result); the renewal below marks
        // the worker as training from a third of the lease on, which is when a person following the run would look
        AtomicBoolean lostClaim = new AtomicBoolean();
        ScheduledFuture<?> renewal = timer.scheduleWithFixedDelay(() -> {
            try {
                if (!store.renewClaim(c.trialId(), id, leaseMillis)) {
                    lostClaim.set(true);
                }
                beat("training");
            } catch (RuntimeException e) {
                LOG.warn("worker {}: cannot renew the claim on trial {}: {}", id, c.seq(), e.getMessage());
            }
        }, leaseMillis / 3, leaseMillis / 3, TimeUnit.MILLISECONDS);
        long startedAt = System.currentTimeMillis();
        Job job;
        try {
            job = jobs.job(c);
        } catch (RuntimeException e) {
            renewal.cancel(false);
            failure = "cannot train trials of run " + c.runId() + " on this machine: " + e.getMessage();
            progress.accept("worker " + id + ": " + failure + "; stopping (the trial returns to the queue)");
            currentSeq = -1;
            return;
        }
        TrialResult result;
        try {
            Evaluation e = job.evaluator().evaluate(new TrialContext(job.space(), new Configuration(c.configuration()),
                    job.task(), c.seed(), c.seq(), () -> lostClaim.get() || stop.get()));
            if (e == null || !Double.isFinite(e.reward())) {
                throw new IllegalStateException("evaluator returned no finite reward");
            }
            result = new TrialResult(c.trialId(), id, false, null, e.reward(), e.validationMetric(), e.testMetric(),
                    startedAt, System.currentTimeMillis(), e.details() == null ? null : Json.compact(e.details()));
        } catch (Throwable t) {
            if (lostClaim.get() || stop.get()) {
                renewal.cancel(false);
                progress.accept("worker " + id + ": run " + c.runId() + " trial " + c.seq() + " dropped ("
                        + (stop.get() ? "stopping" : "claim lost") + ")");
                currentSeq = -1;
                return;
            }
            String m = t.getMessage();
            String reason = m == null || m.isBlank() ? t.getClass().getSimpleName()
                    : t.getClass().getSimpleName() + ": " + m;
            result = new TrialResult(c.trialId(), id, true, reason, Double.NaN, Double.NaN, Double.NaN, startedAt,
                    System.currentTimeMillis(), null);
        } finally {
            renewal.cancel(false);
        }
        boolean accepted = store.submitResult(result);
        if (accepted) {
            done++;
        }
        currentSeq = -1;
        progress.accept("worker " + id + ": run " + c.runId() + " trial " + c.seq() + " attempt " + c.attempt()
                + (result.failed() ? " failed: " + result.failureReason() : String.format(" reward %.4f",
                result.reward())) + " in " + (result.finishedMillis() - startedAt) + " ms"
                + (accepted ? "" : " (not accepted: the claim was taken over)"));
        if (System.currentTimeMillis() - startedAt > leaseMillis / 3) {
            beat("idle");
        }
    }
}
