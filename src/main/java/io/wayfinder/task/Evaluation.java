package io.wayfinder.task;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The result of training and scoring one child.
 *
 * @param reward           what the strategy learns from (derived from the validation metric, e.g. accuracy or
 *                         accuracy cubed)
 * @param validationMetric the validation metric, e.g. accuracy in [0, 1] or percent as the task defines
 * @param testMetric       the held-back test metric; never shown to a strategy ({@code NaN} when there is none)
 * @param details          extra facts stored with the trial: the child network's JSON ({@code network}), its
 *                         architecture graph ({@code graph}), training curves, parameter counts; may be null
 */
public record Evaluation(double reward, double validationMetric, double testMetric, ObjectNode details) {
}
