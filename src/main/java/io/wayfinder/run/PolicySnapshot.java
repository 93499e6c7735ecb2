package io.wayfinder.run;

/**
 * The controller's policy for one task after a given number of observations (updates): per configuration slot,
 * the probability of each choice. For autoregressive controllers these are the conditional distributions along the
 * greedy path (each step fed the most likely previous choice), which is what the dashboard plots.
 *
 * @param observations  how many trials the strategy had observed when the snapshot was taken
 * @param task          the task's index in the run
 * @param probabilities one array per slot, summing to 1 (a skip slot has [no, yes])
 */
public record PolicySnapshot(int observations, int task, float[][] probabilities) {
}
