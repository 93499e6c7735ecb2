package io.wayfinder.metrics;

import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Learning curves (METHOD.md section 7): accuracy-topN against trial number for one task of a run, in the order the
 * strategy observed the trials. Failed trials count as trials but never enter the top N.
 */
public final class LearningCurves {
    private LearningCurves() {
    }

    /**
     * @param trials   a run's trials (any order; unobserved ones are ignored)
     * @param task     the task's index
     * @param n        N of accuracy-topN
     * @param counting whether repeated configurations count again (see {@link Counting})
     */
    public static AccuracyTopN.Result[] accuracyTopN(List<TrialRecord> trials, int task, int n, Counting counting) {
        List<TrialRecord> observed = trials.stream()
                .filter(t -> t.task() == task && t.observeOrder() >= 0)
                .sorted(Comparator.comparingInt(TrialRecord::observeOrder))
                .toList();
        double[] validation = new double[observed.size()];
        double[] test = new double[observed.size()];
        Object[] keys = new Object[observed.size()];
        for (int i = 0; i < observed.size(); i++) {
            TrialRecord t = observed.get(i);
            boolean ok = t.status() == TrialStatus.COMPLETE;
            validation[i] = ok ? t.validationMetric() : Double.NaN;
            test[i] = ok ? t.testMetric() : Double.NaN;
            keys[i] = Counting.key(t.configuration());
        }
        return counting.curve(validation, test, keys, n);
    }

    /** Test accuracy-topN after each trial, NaN until N trials have entered the top N (as the validation means). */
    public static double[] testMeans(AccuracyTopN.Result[] curve, int n) {
        double[] v = new double[curve.length];
        for (int i = 0; i < curve.length; i++) {
            v[i] = curve[i].count() < n ? Double.NaN : curve[i].testMean();
        }
        return v;
    }

    /**
     * Several seeds' curves aggregated at each trial: the median and a band of +-2 standard errors of the mean over
     * the seeds that have a value there.
     *
     * @param median median over seeds (NaN where no seed has a value)
     * @param lower  median - 2 s.e.m.
     * @param upper  median + 2 s.e.m.
     * @param seeds  how many seeds have a value at each trial
     */
    public record Band(double[] median, double[] lower, double[] upper, int[] seeds) {
        public int length() {
            return median.length;
        }
    }

    /** Aggregates curves of possibly different lengths trial by trial (the longest curve sets the length). */
    public static Band aggregate(List<double[]> curves) {
        int len = curves.stream().mapToInt(c -> c.length).max().orElse(0);
        double[] med = new double[len];
        double[] lo = new double[len];
        double[] hi = new double[len];
        int[] k = new int[len];
        double[] values = new double[curves.size()];
        for (int t = 0; t < len; t++) {
            int m = 0;
            for (double[] c : curves) {
                if (t < c.length && !Double.isNaN(c[t])) {
                    values[m++] = c[t];
                }
            }
            k[t] = m;
            if (m == 0) {
                med[t] = lo[t] = hi[t] = Double.NaN;
                continue;
            }
            double[] v = Arrays.copyOf(values, m);
            med[t] = Quantiles.median(v);
            double sem = Statistics.sem(v);
            lo[t] = med[t] - 2 * sem;
            hi[t] = med[t] + 2 * sem;
        }
        return new Band(med, lo, hi, k);
    }
}
