package io.wayfinder.metrics;

import java.util.Arrays;

/** Order statistics for reporting over seeds: median and interquartile range (linear interpolation, R type 7). */
public final class Quantiles {
    private Quantiles() {
    }

    /** The q-quantile (0..1) of the values, NaN for none; +infinity may stand for "never" and stays infinite. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        if (hi == lo || Double.isInfinite(s[hi])) {
            // +infinity stands for "never" (e.g. not reached): a quantile between a number and never is never
            return hi == lo ? s[lo] : s[hi];
        }
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** [first quartile, third quartile]. */
    public static double[] interquartile(double[] values) {
        return new double[]{quantile(values, 0.25), quantile(values, 0.75)};
    }
}
