/**
 * {@code mnms}: the off-policy actor-critic of Multitask Neural Model Search (seed 000): the LSTM controller as actor,
 * a replay bank of past trials, a learned critic as the baseline, importance-weighted updates, Polyak-averaged target
 * critic, cubed rewards.
 */
package io.wayfinder.strategy.mnms;
