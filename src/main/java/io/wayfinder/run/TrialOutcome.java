package io.wayfinder.run;

/**
 * What is recorded when a trial finishes.
 *
 * @param status        {@link TrialStatus#COMPLETE} or {@link TrialStatus#FAILED}
 * @param failureReason null unless failed
 * @param reward        the reward the strategy observed
 * @param observeOrder  the strategy's observation count before this one (0-based order)
 */
public record TrialOutcome(TrialStatus status, String failureReason, double reward, double validationMetric,
                           double testMetric, long finishedMillis, int observeOrder, String details) {
    public TrialOutcome {
        if (!status.counted()) {
            throw new IllegalArgumentException("a finished trial is complete or failed, not " + status);
        }
    }
}
