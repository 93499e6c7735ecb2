package io.wayfinder.exec;

import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.Json;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.project.Project;
import io.wayfinder.run.Rng;
import io.wayfinder.run.RunStatus;
import io.wayfinder.store.RunStore;
import io.wayfinder.run.TrialOutcome;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStart;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop every strategy shares: choose a task, propose, train on a worker, record, observe; checkpoint now and then.
 *
 * <p>Every trial start and end is committed to the store before the strategy sees it, so a killed process loses
 * nothing finished. On resume the loop restores the latest checkpoint and replays the trials recorded after it
 * (re-proposing and re-observing in their original interleaving, without training again), so a resumed run continues
 * exactly as an uninterrupted one would; trials that were running when the process ended are redone.
 */
public final class SearchLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SearchLoop.class);
    public static final String CHECKPOINT_KIND = "loop";

    private final RunStore store;
    private final long runId;
    private final Project project;
    private final SearchSpace space;
    private final Strategy strategy;
    private final List<TrialEvaluator> evaluators;
    private final List<String> provenance;
    private final SearchListener listener;
    private final SearchControl control;

    private RunOwnership owner;
    private Rng rng;
    private int nextSeq;
    private int observations;
    private final int[] countedPerTask;
    private final int[] inFlightPerTask;

    /**
     * @param provenance per task, the provenance JSON prefix common to all its trials (see {@link Provenance})
     */
    public SearchLoop(RunStore store, long runId, Project project, Strategy strategy, List<TrialEvaluator> evaluators,
                      List<String> provenance, SearchListener listener, SearchControl control) {
        if (evaluators.size() != project.tasks().size() && !(evaluators.isEmpty() && listener == REPLAY)) {
            throw new IllegalArgumentException("one evaluator per task is needed");
        }
        this.store = store;
        this.runId = runId;
        this.project = project;
        this.space = project.space();
        this.strategy = strategy;
        this.evaluators = List.copyOf(evaluators);
        this.provenance = List.copyOf(provenance);
        this.listener = listener == null ? SearchListener.NONE : listener;
        this.control = control == null ? new SearchControl() : control;
        this.countedPerTask = new int[project.tasks().size()];
        this.inFlightPerTask = new int[project.tasks().size()];
        this.rng = new Rng(project.seed() ^ 0x5EA4C41L);
    }

    /**
     * The lease this process holds on the run: the loop checks it before each trial and stops without writing
     * anything more once another process has taken the run over.
     */
    public SearchLoop ownedBy(RunOwnership ownership) {
        this.owner = ownership;
        return this;
    }

    private boolean lost() {
        return owner != null && !owner.held();
    }

    /** A pending proposal: a new one, or a trial redone after an interruption. */
    private record Pending(int seq, int attempt, int task, Configuration configuration, int observedAtProposal,
                           double logProbability, String searchNotes) {
    }

    private record Finished(long trialId, Pending pending, Evaluation evaluation, Throwable failure, long started,
                            long finished, String detailsJson) {
        Finished(long trialId, Pending pending, Evaluation evaluation, Throwable failure, long started, long finished) {
            this(trialId, pending, evaluation, failure, started, finished, null);
        }
    }

    /** A child that failed on a worker: its reason as the worker recorded it. */
    private static final class RemoteFailure extends Exception {
        RemoteFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * How a distributed run is executed: trials go to the store's work queue and any worker (another process, another
     * machine, or one of {@code localWorkers} threads here) trains them.
     *
     * @param localWorkers worker threads in this process (0: coordinate only)
     * @param leaseMillis  a claim's lease; a worker silent this long is presumed dead and its trial handed out again
     * @param pollMillis   how long the coordinator waits between looks at the queue when nothing arrived
     */
    public record Distribution(int localWorkers, long leaseMillis, long pollMillis) {
        public Distribution {
            if (localWorkers < 0 || leaseMillis < 100 || pollMillis < 1) {
                throw new IllegalArgumentException("workers >= 0, lease >= 100 ms, poll >= 1 ms");
            }
        }
    }

    private Distribution distribution;
    private int maxStaleness;

    /** Executes the run through the store's work queue instead of this process's own pool (see {@link Distribution}). */
    public SearchLoop distributed(Distribution d) {
        if (d != null && !store.sharesWork()) {
            throw new IllegalArgumentException("the store " + store.location() + " cannot share work with workers");
        }
        this.distribution = d;
        return this;
    }

    /** The largest number of observations made between a trial's proposal and its own observation, this session. */
    public int maxStaleness() {
        return maxStaleness;
    }

    /**
     * Runs until the run's requested number of counted trials is reached, a stop is requested, or an error in the
     * loop itself (not in a child) occurs. Returns the final status.
     */
    public RunStatus run() throws InterruptedException {
        int requested = store.run(runId).orElseThrow().requestedTrials();
        int perTask = Math.max(1, requested / project.tasks().size());
        Deque<Pending> redo = restore(perTask);
        store.setRunStatus(runId, RunStatus.RUNNING, null);
        listener.runStarted(runId, observations, requested);
        if (distribution != null) {
            return coordinate(redo, perTask, requested);
        }
        boolean inline = evaluators.stream().allMatch(TrialEvaluator::instant);
        int workers = inline ? 1 : project.execution().effectiveWorkers();
        ExecutorService pool = inline ? null : Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "wayfinder-trial-worker");
            t.setDaemon(true);
            return t;
        });
        Map<Future<Finished>, Pending> running = new LinkedHashMap<>();
        RunStatus status = RunStatus.FINISHED;
        String message = null;
        boolean diverged = false;
        try {
            while (observations < requested) {
                if (lost()) {
                    break;
                }
                if (!control.awaitRunnable()) {
                    status = RunStatus.STOPPED;
                    message = "stopped by request";
                    break;
                }
                // fill the workers
                while (running.size() < workers && observations + running.size() < requested) {
                    Pending p = redo.isEmpty() ? propose(perTask) : redo.poll();
                    if (p == null) {
                        break;
                    }
                    if (inline) {
                        // a table lookup: its start, end and snapshot are one commit
                        store.atomically(() -> handle(execute(start(p), p), requested));
                    } else {
                        long trialId = start(p);
                        running.put(pool.submit(() -> execute(trialId, p)), p);
                    }
                    if (inline && (control.stopRequested() || control.paused())) {
                        break;
                    }
                }
                if (!inline) {
                    if (running.isEmpty()) {
                        break;
                    }
                    // observe in proposal order, whatever order the workers finish in: then what the strategy
                    // has seen when it proposes trial k is fixed by k, and a seed fixes the whole run
                    Future<Finished> head = running.keySet().iterator().next();
                    try {
                        Finished f = head.get(200, TimeUnit.MILLISECONDS);
                        running.remove(head);
                        handle(f, requested);
                    } catch (TimeoutException e) {
                        // not finished yet: look at the controls again
                    }
                }
            }
            if (control.stopRequested() && observations < requested) {
                status = RunStatus.STOPPED;
                message = "stopped by request";
            }
        } catch (io.wayfinder.strategy.StrategyDivergedException e) {
            status = RunStatus.FAILED;
            diverged = true;
            var kept = store.latestCheckpoint(runId, CHECKPOINT_KIND);
            message = "stopped: " + e.getMessage() + "; the last good checkpoint ("
                    + kept.map(c -> c.observations() + " observations").orElse("none yet") + ") is kept";
            LOG.error("run {}: {}", runId, message);
        } catch (ExecutionException e) {
            status = RunStatus.FAILED;
            message = "search loop failed: " + e.getCause();
            LOG.error("search loop of run {} failed", runId, e.getCause());
        } catch (RuntimeException e) {
            status = RunStatus.FAILED;
            message = "search loop failed: " + e;
            LOG.error("search loop of run {} failed", runId, e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
            if (owner != null) {
                // look at the lease now, not at the last heartbeat: a stalled process taken over must not write
                owner.renew();
            }
            if (lost()) {
                // another process owns the run now: what this one did not record is redone there
                status = RunStatus.STOPPED;
                message = "taken over by " + owner.lostTo() + "; this process stopped executing the run";
                LOG.error("run {}: {}", runId, message);
            } else {
                if (!running.isEmpty()) {
                    store.markInterrupted(runId);
                }
                if (!diverged) {
                    // a diverged strategy's state is not worth keeping: the last good checkpoint stays the latest
                    checkpoint();
                }
                store.setRunStatus(runId, status, message);
            }
            listener.runEnded(runId, status, message);
        }
        return status;
    }

    /**
     * The coordinator of a distributed run. It keeps as many trials waiting in the queue as there are idle workers
     * (at least one, so a worker that joins finds work at once), and observes results in the order they arrive.
     * Results are asynchronous, as in Zoph and Le's distributed training: a trial proposed after k observations may
     * be observed after k + s; the strategy learns from it all the same (REINFORCE scores the sampled architecture
     * under its current policy), s is bounded by the number of workers, and each trial records both counts
     * ({@code observed_at_proposal}, {@code observe_order}) so a replay repeats the same interleaving. Observing a
     * result, removing it from the queue and any checkpoint are one transaction.
     */
    private RunStatus coordinate(Deque<Pending> redo, int perTask, int requested) throws InterruptedException {
        Map<Long, Pending> outstanding = new HashMap<>();
        AtomicBoolean stopWorkers = new AtomicBoolean();
        List<Thread> local = new ArrayList<>();
        for (int i = 0; i < distribution.localWorkers(); i++) {
            Worker w = new Worker(store, Worker.idFor(i + 1, distribution.localWorkers() + 1), runId,
                    c -> new Worker.Job(space, project.tasks().get(c.task()), evaluators.get(c.task())),
                    distribution.leaseMillis(), stopWorkers, null);
            Thread t = new Thread(w, "wayfinder-local-worker-" + i);
            t.setDaemon(true);
            t.start();
            local.add(t);
        }
        RunStatus status = RunStatus.FINISHED;
        String message = null;
        try {
            while (observations < requested) {
                if (lost()) {
                    break;
                }
                if (!control.awaitRunnable()) {
                    status = RunStatus.STOPPED;
                    message = "stopped by request";
                    break;
                }
                int wanted = Math.max(1, idleWorkers()) - store.claimableTrials(runId);
                while (wanted-- > 0 && observations + outstanding.size() < requested) {
                    Pending p = redo.isEmpty() ? propose(perTask) : redo.poll();
                    if (p == null) {
                        break;
                    }
                    store.atomically(() -> {
                        long id = start(p);
                        store.enqueueTrial(runId, id);
                        outstanding.put(id, p);
                    });
                }
                List<io.wayfinder.run.TrialResult> results = store.submittedResults(runId);
                for (io.wayfinder.run.TrialResult r : results) {
                    Pending p = outstanding.remove(r.trialId());
                    if (p == null) {
                        // not this session's trial (resume withdraws every queued trial, so only a stray row): drop it
                        store.dequeueTrial(r.trialId());
                        continue;
                    }
                    Finished f = new Finished(r.trialId(), p, r.failed() ? null
                            : new Evaluation(r.reward(), r.validationMetric(), r.testMetric(), null),
                            r.failed() ? new RemoteFailure(r.failureReason()) : null, r.startedMillis(),
                            r.finishedMillis(), r.details());
                    store.atomically(() -> {
                        handle(f, requested);
                        store.dequeueTrial(r.trialId());
                    });
                    if (lost()) {
                        break;
                    }
                }
                if (results.isEmpty()) {
                    Thread.sleep(distribution.pollMillis());
                }
            }
            if (control.stopRequested() && observations < requested) {
                status = RunStatus.STOPPED;
                message = "stopped by request";
            }
        } catch (RuntimeException e) {
            status = RunStatus.FAILED;
            message = "search loop failed: " + e;
            LOG.error("search loop of run {} failed", runId, e);
        } finally {
            stopWorkers.set(true);
            for (Thread t : local) {
                t.interrupt();
                t.join(10_000);
            }
            if (lost()) {
                status = RunStatus.STOPPED;
                message = "taken over by " + owner.lostTo() + "; this process stopped executing the run";
                LOG.error("run {}: {}", runId, message);
            } else {
                if (!outstanding.isEmpty()) {
                    store.markInterrupted(runId);
                }
                checkpoint();
                store.setRunStatus(runId, status, message);
            }
            listener.runEnded(runId, status, message);
        }
        return status;
    }

    /** Workers that beat within their lease and are not training: for this run, or for any run. */
    private int idleWorkers() {
        long now = store.clockMillis();
        int idle = 0;
        for (io.wayfinder.run.WorkerRecord w : store.workers(0)) {
            if ((w.runId() == runId || w.runId() == 0) && w.alive(now, distribution.leaseMillis())
                    && "idle".equals(w.state())) {
                idle++;
            }
        }
        return idle;
    }

    private static final SearchListener REPLAY = new SearchListener() {
    };

    /**
     * The state a fresh strategy reaches by replaying every stored trial of a run from the start, in the interleaving
     * of proposals and observations the trials recorded (no checkpoint, no training, nothing written). For a run
     * whose trials are each counted exactly once this equals the state the run itself checkpointed at its end.
     */
    public static byte[] replayedStrategyState(RunStore store, long runId, Project project, Strategy fresh) {
        SearchLoop loop = new SearchLoop(store, runId, project, fresh, List.of(), List.of(), REPLAY, null);
        int requested = store.run(runId).orElseThrow().requestedTrials();
        loop.restore(Math.max(1, requested / project.tasks().size()), false);
        return fresh.state();
    }

    /** Restores the latest checkpoint and replays what was recorded after it; returns the trials to redo. */
    private Deque<Pending> restore(int perTask) {
        return restore(perTask, true);
    }

    private Deque<Pending> restore(int perTask, boolean fromCheckpoint) {
        if (fromCheckpoint) {
            store.markInterrupted(runId);
        }
        var checkpoint = fromCheckpoint ? store.latestCheckpoint(runId, CHECKPOINT_KIND)
                : java.util.Optional.<io.wayfinder.run.Checkpoint>empty();
        if (checkpoint.isPresent()) {
            LoopState s = LoopState.fromBytes(checkpoint.get().state());
            rng = Rng.fromState(s.rng());
            nextSeq = s.nextSeq();
            observations = s.observations();
            strategy.restore(s.strategyState());
        }
        List<TrialRecord> all = store.trials(runId);
        Map<Integer, TrialRecord> latestBySeq = new HashMap<>();
        for (TrialRecord t : all) {
            latestBySeq.merge(t.seq(), t, (a, b) -> a.status().counted() ? a : b.status().counted() ? b
                    : (a.attempt() >= b.attempt() ? a : b));
        }
        // the budget bookkeeping as it stood at the checkpoint: observed before it, or proposed before it and not yet
        for (TrialRecord t : latestBySeq.values()) {
            if (t.status().counted() && t.observeOrder() < observations) {
                countedPerTask[t.task()]++;
            } else if (t.seq() < nextSeq) {
                inFlightPerTask[t.task()]++;
            }
        }
        List<TrialRecord> proposals = latestBySeq.values().stream().filter(t -> t.seq() >= nextSeq)
                .sorted(Comparator.comparingInt(TrialRecord::seq)).toList();
        List<TrialRecord> observed = all.stream().filter(t -> t.status().counted() && t.observeOrder() >= observations)
                .sorted(Comparator.comparingInt(TrialRecord::observeOrder)).toList();
        int replayed = 0;
        int pi = 0;
        int oi = 0;
        while (pi < proposals.size() || oi < observed.size()) {
            if (pi < proposals.size() && proposals.get(pi).observedAtProposal() <= observations) {
                TrialRecord t = proposals.get(pi++);
                int task = chooseTask(remainingBudget(perTask));
                Configuration c = proposeAllowed(t.task());
                inFlightPerTask[t.task()]++;
                if (task != t.task() || !c.equals(new Configuration(t.configuration()))) {
                    LOG.warn("run {} trial {}: replayed proposal differs from the recorded one (task {} vs {}); "
                            + "continuing with the recorded trial", runId, t.seq(), task, t.task());
                }
                nextSeq = Math.max(nextSeq, t.seq() + 1);
            } else if (oi < observed.size()) {
                TrialRecord t = observed.get(oi++);
                strategy.observe(new Observation(t.task(), new Configuration(t.configuration()), t.reward(),
                        t.status() == TrialStatus.FAILED));
                observations++;
                inFlightPerTask[t.task()]--;
                countedPerTask[t.task()]++;
                replayed++;
            } else {
                // a proposal waiting on observations that never happened: nothing more to replay
                break;
            }
        }
        Deque<Pending> redo = new ArrayDeque<>();
        latestBySeq.values().stream().filter(t -> !t.status().counted())
                .sorted(Comparator.comparingInt(TrialRecord::seq))
                .forEach(t -> {
                    inFlightPerTask[t.task()]--;
                    redo.add(new Pending(t.seq(), t.attempt() + 1, t.task(), new Configuration(t.configuration()),
                            t.observedAtProposal(), Provenance.proposalLogProbability(t.provenance()),
                            Provenance.searchNotes(t.provenance())));
                });
        nextSeq = Math.max(nextSeq, latestBySeq.keySet().stream().mapToInt(i -> i + 1).max().orElse(0));
        if (checkpoint.isPresent() || replayed > 0 || !redo.isEmpty()) {
            LOG.info("run {}: resumed at {} observations ({} replayed), {} trial(s) to redo", runId, observations,
                    replayed, redo.size());
        }
        return redo;
    }

    private int[] remainingBudget(int perTask) {
        int[] r = new int[countedPerTask.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = perTask - countedPerTask[i] - inFlightPerTask[i];
        }
        return r;
    }

    /** Uniformly among the tasks with budget left (the M-AML rule: a task drawn uniformly per trial). */
    private int chooseTask(int[] remaining) {
        int open = 0;
        for (int r : remaining) {
            if (r > 0) {
                open++;
            }
        }
        if (open == 0) {
            return -1;
        }
        if (remaining.length == 1) {
            return 0;
        }
        int k = rng.nextInt(open);
        for (int i = 0; i < remaining.length; i++) {
            if (remaining[i] > 0 && k-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private Pending propose(int perTask) {
        int task = chooseTask(remainingBudget(perTask));
        if (task < 0) {
            return null;
        }
        Configuration c = proposeAllowed(task);
        double logProbability = strategy.logProbability(task, c);
        return new Pending(nextSeq++, 1, task, c, observations, logProbability,
                strategy.proposalNotes(task).orElse(null));
    }

    /** Proposals a strategy may make in a row that the space's constraints forbid before the run stops. */
    static final int MAX_FORBIDDEN_PROPOSALS = 10_000;

    /**
     * The strategy's next proposal that no constraint of the space forbids: a forbidden one is never trained or
     * recorded, the strategy is simply asked again (for random search this is uniform sampling over the allowed
     * configurations; for a policy, sampling from it conditioned on being allowed).
     */
    private Configuration proposeAllowed(int task) {
        for (int attempt = 0; attempt < MAX_FORBIDDEN_PROPOSALS; attempt++) {
            Configuration c = strategy.propose(task);
            if (space.allows(c)) {
                return c;
            }
        }
        throw new IllegalStateException("strategy " + strategy.id() + " proposed " + MAX_FORBIDDEN_PROPOSALS
                + " configurations in a row that the search space's constraints forbid");
    }

    private long start(Pending p) {
        inFlightPerTask[p.task()]++;
        long now = System.currentTimeMillis();
        long trialId = store.startTrial(runId, new TrialStart(p.seq(), p.attempt(), p.task(), p.configuration().indices(),
                Json.compact(space.values(p.configuration())), trialSeed(p.seq()), p.observedAtProposal(),
                Provenance.forTrial(provenance.get(p.task()), trialSeed(p.seq()), p.attempt(), p.logProbability(),
                        p.searchNotes()), now));
        listener.trialStarted(runId, p.seq(), p.task());
        return trialId;
    }

    /** The trial's own seed, derived from the run's seed and its number. */
    long trialSeed(int seq) {
        return new Rng(project.seed() * 0x9E3779B97F4A7C15L + seq).nextLong();
    }

    private Finished execute(long trialId, Pending p) {
        long started = System.currentTimeMillis();
        try {
            Evaluation e = evaluators.get(p.task()).evaluate(new TrialContext(space, p.configuration(),
                    project.tasks().get(p.task()), trialSeed(p.seq()), p.seq(), control::stopRequested));
            if (e == null || Double.isNaN(e.reward()) || Double.isInfinite(e.reward())) {
                throw new IllegalStateException("evaluator returned no finite reward");
            }
            return new Finished(trialId, p, e, null, started, System.currentTimeMillis());
        } catch (Throwable t) {
            return new Finished(trialId, p, null, t, started, System.currentTimeMillis());
        }
    }

    private void handle(Finished f, int requested) {
        Pending p = f.pending();
        inFlightPerTask[p.task()]--;
        if (lost()) {
            // the run's new owner has marked this trial interrupted and will redo it
            return;
        }
        if (f.failure() instanceof CancellationException || (f.failure() != null && control.stopRequested()
                && f.failure() instanceof InterruptedException)) {
            // stopped mid-training: leave it for resume to redo
            store.markInterrupted(runId);
            return;
        }
        boolean failed = f.failure() != null;
        double reward = failed ? project.execution().failureReward() : f.evaluation().reward();
        String reason = !failed ? null : f.failure() instanceof RemoteFailure ? f.failure().getMessage()
                : describe(f.failure());
        maxStaleness = Math.max(maxStaleness, observations - p.observedAtProposal());
        if (failed) {
            LOG.warn("run {} trial {} failed: {}", runId, p.seq(), reason);
        }
        int order = observations;
        store.finishTrial(f.trialId(), new TrialOutcome(failed ? TrialStatus.FAILED : TrialStatus.COMPLETE, reason,
                reward, failed ? Double.NaN : f.evaluation().validationMetric(),
                failed ? Double.NaN : f.evaluation().testMetric(), f.finished(), order,
                f.detailsJson() != null ? f.detailsJson() : failed || f.evaluation().details() == null ? null
                        : Json.compact(f.evaluation().details())));
        countedPerTask[p.task()]++;
        strategy.observe(new Observation(p.task(), p.configuration(), reward, failed));
        observations++;
        TrialRecord record = new TrialRecord(f.trialId(), runId, p.seq(), p.attempt(), p.task(),
                p.configuration().indices(), null, failed ? TrialStatus.FAILED : TrialStatus.COMPLETE, reason, reward,
                failed ? Double.NaN : f.evaluation().validationMetric(), failed ? Double.NaN : f.evaluation().testMetric(),
                f.started(), f.finished(), trialSeed(p.seq()), order, p.observedAtProposal(), null, null);
        if (strategy.learns()) {
            List<PolicySnapshot> snaps = new ArrayList<>();
            for (int task = 0; task < project.tasks().size(); task++) {
                strategy.policy(task, observations).ifPresent(snaps::add);
            }
            store.saveSnapshots(runId, snaps);
            listener.policyUpdated(snaps);
        }
        listener.trialFinished(record, observations, requested);
        if (observations % project.execution().checkpointEvery() == 0) {
            checkpoint();
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    private void checkpoint() {
        store.saveCheckpoint(new Checkpoint(runId, observations, CHECKPOINT_KIND,
                new LoopState(rng.state(), nextSeq, observations, strategy.state()).toBytes(), System.currentTimeMillis()));
        strategy.taskEmbeddings().ifPresent(e -> store.saveTaskEmbeddings(runId, observations, e));
    }

    /** The strategy's own state inside a loop checkpoint (what a transfer run starts from). */
    public static byte[] strategyState(byte[] loopCheckpoint) {
        return LoopState.fromBytes(loopCheckpoint).strategyState();
    }

    public int observations() {
        return observations;
    }
}
