/**
 * Records shared by every layer: runs, trials, checkpoints, policy snapshots, project files, settings, the JSON
 * codec, the seedable RNG, input errors, and pure metric functions such as {@link io.wayfinder.metrics.AccuracyTopN}.
 */
package io.wayfinder.run;
