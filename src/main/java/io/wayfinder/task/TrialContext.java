package io.wayfinder.task;

import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import java.util.function.BooleanSupplier;

/**
 * Everything an evaluator needs for one trial.
 *
 * @param space         the search space
 * @param configuration the configuration to train
 * @param task          the task
 * @param seed          the trial's own seed (for weight init, shuffling, dropout)
 * @param trialSeq      the trial's number in the run
 * @param cancelled     polled during long training; return early (throw {@link java.util.concurrent.CancellationException})
 *                      when it becomes true
 * @param budget        the share of the full training budget to spend, in (0, 1]: 1 normally, less for the first
 *                      stages of progressive dynamic hurdles. Evaluators that train scale their epochs or training
 *                      samples with {@link #scaled(int)} / {@link #scaled(long)}; a table lookup ignores it.
 */
public record TrialContext(SearchSpace space, Configuration configuration, TaskSpec task, long seed, int trialSeq,
                           BooleanSupplier cancelled, double budget) {

    public TrialContext {
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException("a trial's budget share must be in (0, 1], found " + budget);
        }
    }

    /** A trial with the full training budget. */
    public TrialContext(SearchSpace space, Configuration configuration, TaskSpec task, long seed, int trialSeq,
                        BooleanSupplier cancelled) {
        this(space, configuration, task, seed, trialSeq, cancelled, 1.0);
    }

    /** The same trial with another budget share. */
    public TrialContext withBudget(double share) {
        return new TrialContext(space, configuration, task, seed, trialSeq, cancelled, share);
    }

    /** A full amount (epochs) scaled by the budget share, at least 1. */
    public int scaled(int full) {
        return budget >= 1 ? full : (int) Math.max(1, Math.round(full * budget));
    }

    /** A full amount (training samples) scaled by the budget share, at least 1. */
    public long scaled(long full) {
        return budget >= 1 ? full : Math.max(1, Math.round(full * budget));
    }
}
