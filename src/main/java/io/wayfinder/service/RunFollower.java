package io.wayfinder.service;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one run in a store, whoever writes it (this process's search loop or a separate {@code wayfinder run}): a
 * daemon thread reads the trials observed and the policy snapshots saved since its last look and hands them to a sink
 * in batches. It looks every {@code pollMillis}, or sooner after {@link #nudge()} (the in-process service nudges it on
 * every trial event), but never more often than every {@code minGapMillis}, so a fast run arrives in coalesced batches.
 * After a batch with data, the next look is delivered even when it finds nothing (so that a sink that coalesces its
 * redraws can catch up).
 */
public final class RunFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunFollower.class);

    /**
     * What changed since the previous batch.
     *
     * @param run        the run as stored now
     * @param trials     newly observed trials, in observe order, without provenance and details
     * @param snapshots  new policy snapshots, per task in observation order
     * @param embeddings the latest task embeddings, when they changed
     * @param first      whether this is the first batch (everything stored so far)
     * @param nudgedAtNanos {@link System#nanoTime()} of the oldest nudge this batch answers, or 0
     * @param interrupted why the run, stored as running, is not executing (its owner's process is gone), or null
     */
    public record Batch(RunRecord run, List<TrialRecord> trials, List<PolicySnapshot> snapshots,
                        Optional<double[][]> embeddings, boolean first, long nudgedAtNanos, String interrupted) {
        /** The run's state as a person should read it: its status, or "interrupted" when its process is gone. */
        public String state() {
            return interrupted != null ? "interrupted" : run.status().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final RunStore store;
    private final long runId;
    private final Consumer<Batch> sink;
    private final long pollMillis;
    private final long minGapMillis;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closed;
    private volatile long oldestNudge;
    private int lastOrder = -1;
    private int[] lastSnapshot;
    private double[][] lastEmbeddings;

    public RunFollower(RunStore store, long runId, Consumer<Batch> sink, long pollMillis, long minGapMillis) {
        this.store = store;
        this.runId = runId;
        this.sink = sink;
        this.pollMillis = pollMillis;
        this.minGapMillis = minGapMillis;
        this.thread = new Thread(this::loop, "wayfinder-follow-run-" + runId);
        this.thread.setDaemon(true);
    }

    public RunFollower start() {
        thread.start();
        return this;
    }

    public long runId() {
        return runId;
    }

    /** Asks for a look soon (new trials were recorded). Cheap; safe from any thread. */
    public void nudge() {
        if (oldestNudge == 0) {
            oldestNudge = System.nanoTime();
        }
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        boolean first = true;
        boolean lastHadData = false;
        RunRecord previous = null;
        String previousInterruption = null;
        while (!closed) {
            long began = System.currentTimeMillis();
            try {
                long nudged = oldestNudge;
                oldestNudge = 0;
                Batch b = look(first, nudged);
                boolean hasData = b != null && (!b.trials().isEmpty() || !b.snapshots().isEmpty()
                        || b.embeddings().isPresent());
                // one trailing empty batch after data lets a sink that coalesces redraws catch up
                boolean trailing = lastHadData && !hasData;
                lastHadData = hasData;
                if (b != null && (first || hasData || trailing || previous == null
                        || previous.status() != b.run().status() || previous.requestedTrials() != b.run().requestedTrials()
                        || !java.util.Objects.equals(previousInterruption, b.interrupted()))) {
                    sink.accept(b);
                    previous = b.run();
                    previousInterruption = b.interrupted();
                }
                first = false;
            } catch (RuntimeException e) {
                LOG.warn("following run {}: {}", runId, e.toString());
            }
            try {
                long spent = System.currentTimeMillis() - began;
                if (spent < minGapMillis) {
                    Thread.sleep(minGapMillis - spent);
                }
                wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Batch look(boolean first, long nudged) {
        Optional<RunRecord> run = store.run(runId);
        if (run.isEmpty()) {
            return null;
        }
        int tasks = run.get().taskNames().size();
        if (lastSnapshot == null) {
            lastSnapshot = new int[tasks];
            java.util.Arrays.fill(lastSnapshot, -1);
        }
        List<TrialRecord> trials = store.observedTrialSummaries(runId, lastOrder);
        if (!trials.isEmpty()) {
            lastOrder = trials.get(trials.size() - 1).observeOrder();
        }
        List<PolicySnapshot> snaps = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            List<PolicySnapshot> s = store.snapshots(runId, t, lastSnapshot[t]);
            if (!s.isEmpty()) {
                lastSnapshot[t] = s.get(s.size() - 1).observations();
                snaps.addAll(s);
            }
        }
        Optional<double[][]> emb = store.latestTaskEmbeddings(runId);
        Optional<double[][]> changed = Optional.empty();
        if (emb.isPresent() && !java.util.Arrays.deepEquals(emb.get(), lastEmbeddings)) {
            lastEmbeddings = emb.get();
            changed = emb;
        }
        return new Batch(run.get(), trials, snaps, changed, first, nudged,
                RunOwners.interruption(store, run.get()).orElse(null));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
