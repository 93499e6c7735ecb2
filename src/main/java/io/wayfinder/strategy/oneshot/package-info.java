/**
 * What the one-shot strategies ({@code darts}, {@code enas}) share: the super-network's settings, building it through
 * {@link io.wayfinder.task.oneshot.OneShotModelProvider}, and the weights' optimiser. No Deeplearning4j here.
 */
package io.wayfinder.strategy.oneshot;
