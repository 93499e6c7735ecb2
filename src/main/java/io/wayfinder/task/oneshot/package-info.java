/**
 * The seam between one-shot strategies ({@code darts}, {@code enas}) and the weight-sharing super-network they train:
 * a plain-Java, differentiable view of the network ({@link io.wayfinder.task.oneshot.OneShotModel}) whose
 * Deeplearning4j implementation lives in {@code child}, found with {@link java.util.ServiceLoader}.
 */
package io.wayfinder.task.oneshot;
