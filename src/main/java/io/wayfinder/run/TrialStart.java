package io.wayfinder.run;

/** What is recorded when a trial starts. */
public record TrialStart(int seq, int attempt, int task, int[] configuration, String values, long seed,
                         int observedAtProposal, String provenance, long startedMillis) {
}
