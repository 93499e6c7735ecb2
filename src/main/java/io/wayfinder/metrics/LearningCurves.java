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
}
