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
        if (evaluators.size() != project.tasks().size()) {
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

    /** A pending proposal: a new one, or a trial redone after an interruption. */
    private record Pending(int seq, int attempt, int task, Configuration configuration, int observedAtProposal) {
    }

    private record Finished(long trialId, Pending pending, Evaluation evaluation, Throwable failure, long started,
                            long finished) {
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
        try {
            while (observations < requested) {
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
            if (!running.isEmpty()) {
                store.markInterrupted(runId);
            }
            checkpoint();
            store.setRunStatus(runId, status, message);
            listener.runEnded(runId, status, message);
        }
        return status;
    }

    /** Restores the latest checkpoint and replays what was recorded after it; returns the trials to redo. */
    private Deque<Pending> restore(int perTask) {
        store.markInterrupted(runId);
        var checkpoint = store.latestCheckpoint(runId, CHECKPOINT_KIND);
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
                            t.observedAtProposal()));
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
        return new Pending(nextSeq++, 1, task, c, observations);
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
                Provenance.forTrial(provenance.get(p.task()), trialSeed(p.seq()), p.attempt()), now));
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
        if (f.failure() instanceof CancellationException || (f.failure() != null && control.stopRequested()
                && f.failure() instanceof InterruptedException)) {
            // stopped mid-training: leave it for resume to redo
            store.markInterrupted(runId);
            return;
        }
        boolean failed = f.failure() != null;
        double reward = failed ? project.execution().failureReward() : f.evaluation().reward();
        String reason = failed ? describe(f.failure()) : null;
        if (failed) {
            LOG.warn("run {} trial {} failed: {}", runId, p.seq(), reason);
        }
        int order = observations;
        store.finishTrial(f.trialId(), new TrialOutcome(failed ? TrialStatus.FAILED : TrialStatus.COMPLETE, reason,
                reward, failed ? Double.NaN : f.evaluation().validationMetric(),
                failed ? Double.NaN : f.evaluation().testMetric(), f.finished(), order,
                failed || f.evaluation().details() == null ? null : Json.compact(f.evaluation().details())));
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
