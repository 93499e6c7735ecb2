package io.wayfinder.run;

/**
 * One trial as stored.
 *
 * @param id                 the trial's id in the store
 * @param runId              its run
 * @param seq                its number in the run (0-based, in proposal order); an interrupted trial is redone
 *                           under the same number with the next attempt
 * @param attempt            1 for the first attempt
 * @param task               the task's index in the run
 * @param configuration      the choice index per slot
 * @param values             the configuration as JSON (path to value)
 * @param status             its status
 * @param failureReason      why it failed, or null
 * @param reward             the reward the strategy saw (NaN while running)
 * @param validationMetric   the validation metric (NaN when failed or running)
 * @param testMetric         the test metric (NaN when none)
 * @param startedMillis      wall-clock start
 * @param finishedMillis     wall-clock end (0 while running)
 * @param seed               the trial's seed
 * @param observeOrder       the order in which the strategy observed it (-1 until observed)
 * @param observedAtProposal how many trials the strategy had observed when it proposed this one
 * @param provenance         provenance JSON: space hash, strategy, data set id and hash, code version, JVM, OS, backend
 * @param details            the evaluator's details JSON (network, graph, curves), or null
 */
public record TrialRecord(long id, long runId, int seq, int attempt, int task, int[] configuration, String values,
                          TrialStatus status, String failureReason, double reward, double validationMetric,
                          double testMetric, long startedMillis, long finishedMillis, long seed, int observeOrder,
                          int observedAtProposal, String provenance, String details) {

    public long durationMillis() {
        return finishedMillis == 0 ? 0 : finishedMillis - startedMillis;
    }
}
