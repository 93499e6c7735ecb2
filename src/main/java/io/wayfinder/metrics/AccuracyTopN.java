package io.wayfinder.metrics;

import java.util.PriorityQueue;

/**
 * accuracy-topN (T-AML paper, section 4): the mean validation and test accuracy of the N trials with the best
 * validation accuracy so far, with the test figure's standard error of the mean. Trials without a validation figure
 * (failed) are left out. Ties in validation keep the earlier trial. Pure functions.
 */
public final class AccuracyTopN {

    /**
     * accuracy-topN over a prefix of trials.
     *
     * @param validationMean mean validation accuracy of the top N (NaN when there are no trials)
     * @param testMean       mean test accuracy of the same N trials (NaN when they have no test figure)
     * @param testSem        standard error of the mean of those test figures (sample standard deviation / sqrt(n));
     *                       report {@code testMean +- 2 * testSem}
     * @param count          how many trials the means cover (min(N, trials with a validation figure))
     */
    public record Result(double validationMean, double testMean, double testSem, int count) {
    }

    private AccuracyTopN() {
    }

    /** accuracy-topN of all the given trials (validation and test in trial order; NaN validation = left out). */
    public static Result of(double[] validation, double[] test, int n) {
        Result[] curve = curve(validation, test, n);
        return curve.length == 0 ? new Result(Double.NaN, Double.NaN, Double.NaN, 0) : curve[curve.length - 1];
    }

    /**
     * accuracy-topN after each trial: element t covers trials 0..t. Once N trials have a validation figure, validation
     * accuracy-topN never decreases (before that it is the mean of the fewer trials there are).
     */
    public static Result[] curve(double[] validation, double[] test, int n) {
        if (validation.length != test.length) {
            throw new IllegalArgumentException("validation and test must have one entry per trial");
        }
        if (n < 1) {
            throw new IllegalArgumentException("N must be at least 1");
        }
        Result[] out = new Result[validation.length];
        // min-heap on (validation, -index): the root is the worst of the current top N (later trial loses ties)
        PriorityQueue<Integer> top = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(validation[a], validation[b]);
            return c != 0 ? c : Integer.compare(b, a);
        });
        double sumValidation = 0;
        for (int t = 0; t < validation.length; t++) {
            double v = validation[t];
            if (!Double.isNaN(v)) {
                if (top.size() < n) {
                    top.add(t);
                    sumValidation += v;
                } else if (v > validation[top.peek()]) {
                    sumValidation -= validation[top.poll()];
                    top.add(t);
                    sumValidation += v;
                }
            }
            out[t] = top.isEmpty() ? new Result(Double.NaN, Double.NaN, Double.NaN, 0)
                    : summarise(top, sumValidation, test);
        }
        return out;
    }

    /**
     * accuracy-topN after each trial counting each configuration once (its first trial): on a deterministic tabular
     * benchmark a strategy that repeats one configuration would otherwise fill its top N with copies of it.
     *
     * @param keys one identity per trial (e.g. the configuration's choice indices as text)
     */
    public static Result[] curveDistinct(double[] validation, double[] test, Object[] keys, int n) {
        if (keys.length != validation.length) {
            throw new IllegalArgumentException("one key per trial is needed");
        }
        double[] v = validation.clone();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (int i = 0; i < v.length; i++) {
            if (!seen.add(keys[i])) {
                v[i] = Double.NaN;
            }
        }
        return curve(v, test, n);
    }

    private static Result summarise(PriorityQueue<Integer> top, double sumValidation, double[] test) {
        int k = top.size();
        double sum = 0;
        int m = 0;
        for (int i : top) {
            if (!Double.isNaN(test[i])) {
                sum += test[i];
                m++;
            }
        }
        double mean = m == 0 ? Double.NaN : sum / m;
        double sem = Double.NaN;
        if (m > 1) {
            double ss = 0;
            for (int i : top) {
                if (!Double.isNaN(test[i])) {
                    ss += (test[i] - mean) * (test[i] - mean);
                }
            }
            sem = Math.sqrt(ss / (m - 1)) / Math.sqrt(m);
        } else if (m == 1) {
            sem = 0;
        }
        return new Result(sumValidation / k, mean, sem, k);
    }
}
