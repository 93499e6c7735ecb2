package io.wayfinder.run;

/**
 * A queued trial a worker has claimed: what it needs to train it (the rest comes from the run's stored project).
 *
 * @param trialId       the trial's id in the store
 * @param runId         its run
 * @param seq           its number in the run
 * @param attempt       its attempt
 * @param task          the task's index in the run
 * @param configuration the choice index per slot
 * @param seed          the trial's own seed
 */
public record ClaimedTrial(long trialId, long runId, int seq, int attempt, int task, int[] configuration, long seed) {
}
