package io.wayfinder.metrics;

import java.util.Arrays;

/**
 * How accuracy-topN counts trials: the one place that decides whether a configuration tried again counts again, and
 * what makes two trials "the same configuration". {@code show}, {@code compare}, {@code bench sample-efficiency}, the
 * dashboard's charts and the search's own summaries all ask here.
 */
public enum Counting {
    /** Each configuration's first trial only: on a deterministic tabular benchmark a strategy that repeats one
     * configuration would otherwise fill its top N with copies of it. */
    EACH_CONFIGURATION_ONCE,
    /** Every counted trial, repeats included ({@code --all-trials}). */
    EVERY_TRIAL;

    /** The default everywhere a person does not choose otherwise. */
    public static final Counting DEFAULT = EACH_CONFIGURATION_ONCE;

    /** {@link #EVERY_TRIAL} when asked for all trials, else {@link #DEFAULT}. */
    public static Counting of(boolean allTrials) {
        return allTrials ? EVERY_TRIAL : DEFAULT;
    }

    /** The identity of a trial's configuration (its choice indices). */
    public static String key(int[] configuration) {
        return Arrays.toString(configuration);
    }

    /** accuracy-topN after each trial under this rule; {@code keys} from {@link #key}, one per trial. */
    public AccuracyTopN.Result[] curve(double[] validation, double[] test, Object[] keys, int n) {
        return this == EACH_CONFIGURATION_ONCE ? AccuracyTopN.curveDistinct(validation, test, keys, n)
                : AccuracyTopN.curve(validation, test, n);
    }
}
