/**
 * Trial execution: the search loop shared by every strategy (task choice, worker pool, failure handling,
 * checkpoints, exact resume by replay), its events and its control (pause, resume, stop); the run lease; and the
 * distributed path: a coordinator that queues trials in a shared store and {@link io.wayfinder.exec.Worker}s that
 * claim, train and report them.
 */
package io.wayfinder.exec;
