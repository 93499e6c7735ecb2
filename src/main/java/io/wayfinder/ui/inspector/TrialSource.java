package io.wayfinder.ui.inspector;

import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.store.RunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads trials with everything stored about them (provenance, details) for the inspector: one run at a time, the
 * latest attempt of each trial. Called off the JavaFX thread.
 */
public final class TrialSource {
    private final RunStore store;
    private final Map<Long, SearchSpace> spaces = new HashMap<>();

    public TrialSource(RunStore store) {
        this.store = store;
    }

    public RunStore store() {
        return store;
    }

    /** The run's label, e.g. {@code run 3 nas201-random-cifar10 (random, seed 1)}. */
    public static String label(RunRecord r) {
        return "run " + r.id() + " " + r.name() + " (" + r.strategy() + ", seed " + r.seed() + ")";
    }

    /** The latest attempt of trial {@code seq} of a run. */
    public synchronized Optional<TrialFacts> trial(long runId, int seq) {
        RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        TrialRecord latest = null;
        for (TrialRecord t : store.trials(runId)) {
            if (t.seq() == seq && (latest == null || t.attempt() > latest.attempt())) {
                latest = t;
            }
        }
        return latest == null ? Optional.empty() : Optional.of(facts(run, latest));
    }

    /** The best {@code n} finished trials of a task by reward (ties: the earlier first). */
    public synchronized List<TrialFacts> best(long runId, int task, int n) {
        RunRecord run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        List<TrialRecord> done = new ArrayList<>();
        for (TrialRecord t : store.trials(runId)) {
            if (t.task() == task && t.status() == TrialStatus.COMPLETE) {
                done.add(t);
            }
        }
        done.sort(Comparator.comparingDouble(TrialRecord::reward).reversed().thenComparingInt(TrialRecord::seq));
        List<TrialFacts> out = new ArrayList<>();
        for (TrialRecord t : done.subList(0, Math.min(n, done.size()))) {
            out.add(facts(run, t));
        }
        return out;
    }

    public List<RunRecord> runs() {
        return store.runs();
    }

    private TrialFacts facts(RunRecord run, TrialRecord t) {
        SearchSpace space = spaces.computeIfAbsent(run.id(), id -> SearchSpaceCodec.parse(run.spaceJson(), "run " + id));
        String task = t.task() < run.taskNames().size() ? run.taskNames().get(t.task()) : "task " + t.task();
        return new TrialFacts(t, label(run), task, space).worker(store.trialWorkers(run.id()).get(t.id()));
    }
}
