/**
 * Tasks and data: the evaluation seam ({@link io.wayfinder.task.TrialEvaluator},
 * {@link io.wayfinder.task.EvaluatorProvider} found by ServiceLoader), the data directory, tabular benchmarks, loaders.
 */
package io.wayfinder.task;
