/**
 * Tasks and data: the evaluation seam ({@link io.wayfinder.task.TrialEvaluator},
 * {@link io.wayfinder.task.EvaluatorProvider} found by ServiceLoader), the data directory, tabular benchmarks, loaders;
 * image tasks: {@link io.wayfinder.task.IdxReader}, {@link io.wayfinder.task.ImageDataSet},
 * {@link io.wayfinder.task.ImageTaskSettings} and {@link io.wayfinder.task.ImageTaskData} (Fashion-MNIST from the
 * Debian package {@code dataset-fashion-mnist}, MNIST from the data directory).
 */
package io.wayfinder.task;
