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
 */
public record TrialContext(SearchSpace space, Configuration configuration, TaskSpec task, long seed, int trialSeq,
                           BooleanSupplier cancelled) {
}
