package io.wayfinder.ui.dashboard;

import io.wayfinder.metrics.AccuracyTopN;
import java.util.Arrays;

/** The observed trials of one task as growing columns (trial number, reward, validation, test, configuration key). */
final class TaskSeries {
    private double[] x = new double[256];
    private double[] reward = new double[256];
    private double[] validation = new double[256];
    private double[] test = new double[256];
    private Object[] keys = new Object[256];
    private int[] order = new int[256];
    private int size;

    void add(double r, double v, double t, Object key) {
        add(r, v, t, key, size);
    }

    /** @param observeOrder the trial's place in the run's observation order (all tasks) */
    void add(double r, double v, double t, Object key, int observeOrder) {
        if (size == x.length) {
            int n = size * 2;
            x = Arrays.copyOf(x, n);
            reward = Arrays.copyOf(reward, n);
            validation = Arrays.copyOf(validation, n);
            test = Arrays.copyOf(test, n);
            keys = Arrays.copyOf(keys, n);
            order = Arrays.copyOf(order, n);
        }
        order[size] = observeOrder;
        x[size] = size + 1;
        reward[size] = r;
        validation[size] = v;
        test[size] = t;
        keys[size] = key;
        size++;
    }

    int size() {
        return size;
    }

    double[] x() {
        return Arrays.copyOf(x, size);
    }

    double[] reward() {
        return Arrays.copyOf(reward, size);
    }

    /** How many of this task's trials were among the run's first {@code observations} observations. */
    int trialsWithin(int observations) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order[mid] < observations) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** accuracy-topN after each trial, counted by the {@link io.wayfinder.metrics.Counting#DEFAULT} rule. */
    AccuracyTopN.Result[] topN(int n) {
        return io.wayfinder.metrics.Counting.DEFAULT.curve(Arrays.copyOf(validation, size), Arrays.copyOf(test, size),
                Arrays.copyOf(keys, size), n);
    }
}
