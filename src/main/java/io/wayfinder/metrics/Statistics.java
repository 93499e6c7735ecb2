package io.wayfinder.metrics;

/** Mean and standard error of the mean (sample standard deviation / sqrt(n)), NaN-free inputs. */
public final class Statistics {
    private Statistics() {
    }

    /** The mean, NaN for no values. */
    public static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The standard error of the mean: 0 for one value, NaN for none. */
    public static double sem(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        if (v.length == 1) {
            return 0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
    }
}
