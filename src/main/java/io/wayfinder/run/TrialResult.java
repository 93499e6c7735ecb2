package io.wayfinder.run;

/**
 * What a worker reports for a claimed trial; the coordinator turns it into an observation (and only then is the trial
 * counted, with its observe order).
 *
 * @param trialId          the trial
 * @param worker           the worker that trained it ({@code host:pid[:thread]})
 * @param failed           true when the child failed
 * @param failureReason    why, or null
 * @param reward           the reward (ignored when failed: the run's failure reward applies)
 * @param validationMetric the validation metric (NaN when failed)
 * @param testMetric       the test metric (NaN when none)
 * @param startedMillis    when the worker started training
 * @param finishedMillis   when it finished
 * @param details          the evaluator's details JSON, or null
 */
public record TrialResult(long trialId, String worker, boolean failed, String failureReason, double reward,
                          double validationMetric, double testMetric, long startedMillis, long finishedMillis,
                          String details) {
}
