package io.wayfinder.run;

/**
 * Saved state of a run's search loop and strategy after a number of observations.
 *
 * @param runId        the run
 * @param observations how many trials had been observed
 * @param kind         {@code loop} for the resumable loop state; other kinds for exports (e.g. {@code controller})
 * @param state        the bytes
 */
public record Checkpoint(long runId, int observations, String kind, byte[] state, long createdMillis) {
}
