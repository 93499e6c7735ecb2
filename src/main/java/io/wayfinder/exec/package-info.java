/**
 * Trial execution: the search loop shared by every strategy (task choice, worker pool, failure handling,
 * checkpoints, exact resume by replay), its events and its control (pause, resume, stop).
 */
package io.wayfinder.exec;
