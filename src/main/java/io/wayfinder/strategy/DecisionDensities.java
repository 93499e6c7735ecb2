package io.wayfinder.strategy;

/**
 * What a density-model strategy (TPE) believes for one task: per slot of the flattened search space, the probability
 * of each choice among the good trials ({@code good}, Bergstra's l(x)) and among the rest ({@code bad}, g(x)).
 *
 * @param task         the task's index in the run
 * @param observations the observations of this task the model was fitted on
 * @param goodTrials   how many of them counted as good
 * @param good         per slot, l(x) over its choices (sums to 1)
 * @param bad          per slot, g(x) over its choices (sums to 1)
 */
public record DecisionDensities(int task, int observations, int goodTrials, float[][] good, float[][] bad) {
}
