package io.wayfinder.service;

import io.wayfinder.exec.HurdleEvaluator;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.project.Project;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.RunRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.evolution.HurdleSettings;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the workbench shows of a run's strategy beyond the policy snapshots in the store: the strategy as the run's
 * latest checkpoint left it (TPE's good and bad densities, evolution's population) and evolution's hurdles as the
 * recorded trials give them. Nothing here trains or writes.
 */
public final class LiveStrategy {
    private LiveStrategy() {
    }

    /** A strategy restored from a checkpoint taken after {@code observations} observations of the run. */
    public record State(int observations, Strategy strategy) {
    }

    /**
     * The hurdles of one task: either {@code off} says why there are none, or per stage its budget share, its
     * current level (NaN while warming up) and the children seen at it.
     */
    public record Hurdles(String off, List<Double> shares, double[] levels, long[] seen, int warmup) {
        static Hurdles off(String why) {
            return new Hurdles(why, List.of(), new double[0], new long[0], 0);
        }
    }

    /** The views a run's strategy declares (none for an unknown strategy, e.g. a test's own). */
    public static Set<LiveView> views(RunRecord run) {
        return Strategies.find(run.strategy()).map(p -> p.views()).orElse(Set.of());
    }

    /** The strategy's display label, or its id when no provider is registered for it. */
    public static String label(RunRecord run) {
        return Strategies.find(run.strategy()).map(p -> p.label()).orElse(run.strategy());
    }

    /**
     * The strategy restored from the run's latest checkpoint (empty before the first checkpoint, or when the
     * stored project cannot build it here, e.g. a transfer run whose source is gone).
     */
    public static Optional<State> latest(RunStore store, RunRecord run) {
        Optional<Checkpoint> c = store.latestCheckpoint(run.id(), SearchLoop.CHECKPOINT_KIND);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        try {
            Project p = Searches.storedProject(run);
            Strategy s = Strategies.create(p.strategy(), p.space(), p.tasks().size(), p.seed(), x -> Optional.empty());
            s.restore(SearchLoop.strategyState(c.get().state()));
            return Optional.of(new State(c.get().observations(), s));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The observations the run's latest checkpoint was taken after, or -1 before the first. */
    public static int checkpointObservations(RunStore store, long runId) {
        return store.latestCheckpoint(runId, SearchLoop.CHECKPOINT_KIND).map(Checkpoint::observations).orElse(-1);
    }

    /** Evolution's hurdles for one task of a run. */
    public static Hurdles hurdles(RunStore store, RunRecord run, int task) {
        if (!run.strategy().equals("evolution")) {
            return Hurdles.off("only evolution trains children in stages");
        }
        Project p;
        try {
            p = Searches.storedProject(run);
        } catch (RuntimeException e) {
            return Hurdles.off("the run's stored project cannot be read: " + e.getMessage());
        }
        HurdleSettings h = HurdleSettings.parse(p.strategy().settings());
        if (!h.enabled()) {
            return Hurdles.off("hurdles off (the project sets no \"hurdles\")");
        }
        TaskSpec t = p.tasks().get(task);
        if (t.kind().equals("tabular")) {
            return Hurdles.off("hurdles do not apply here: task " + t.name()
                    + " is a table lookup, with no training budget to cut");
        }
        HurdleEvaluator.Levels l = HurdleEvaluator.levels(store.trials(run.id()), task, h);
        return new Hurdles(null, l.shares(), l.hurdles(), l.seen(), l.warmup());
    }
}
