package io.wayfinder.exec;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import java.util.List;

/**
 * Events from a running search, called on the search thread: keep them short (hand data to a buffer, never block).
 */
public interface SearchListener {
    default void runStarted(long runId, int observed, int requested) {
    }

    default void trialStarted(long runId, int seq, int task) {
    }

    /** A trial finished and was observed; {@code observed} counts finished trials so far. */
    default void trialFinished(TrialRecord trial, int observed, int requested) {
    }

    default void policyUpdated(List<PolicySnapshot> snapshots) {
    }

    default void runEnded(long runId, RunStatus status, String message) {
    }

    SearchListener NONE = new SearchListener() {
    };
}
