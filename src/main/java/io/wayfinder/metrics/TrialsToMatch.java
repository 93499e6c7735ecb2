package io.wayfinder.metrics;

/**
 * trials-to-match (METHOD.md section 7): fix random search's budget T; the number of trials a strategy needs for
 * its validation accuracy-topN to reach random search's validation accuracy-topN at T.
 */
public final class TrialsToMatch {
    /** Returned when the level is never reached within the curve ("n/a" in the paper's tables). */
    public static final int NOT_REACHED = -1;

    private TrialsToMatch() {
    }

    /**
     * The 1-based trial after which {@code curve} first reaches {@code level} (within 1e-12), or {@link #NOT_REACHED}.
     *
     * @param curve validation accuracy-topN after each trial (NaN while no trial has finished)
     */
    public static int trialsToReach(double[] curve, double level) {
        for (int i = 0; i < curve.length; i++) {
            if (!Double.isNaN(curve[i]) && curve[i] >= level - 1e-12) {
                return i + 1;
            }
        }
        return NOT_REACHED;
    }

    /**
     * As {@link #trialsToReach(double[], double)} but only within the first {@code budget} trials: a strategy that
     * reaches the level later than the budget has "not reached" it, never a number above the budget.
     */
    public static int trialsToReach(double[] curve, double level, int budget) {
        int t = trialsToReach(java.util.Arrays.copyOf(curve, Math.max(0, Math.min(budget, curve.length))), level);
        return t;
    }

    /** The validation accuracy-topN after {@code budget} trials (the last value if the curve is shorter). */
    public static double levelAt(double[] curve, int budget) {
        if (curve.length == 0) {
            return Double.NaN;
        }
        return curve[Math.min(budget, curve.length) - 1];
    }

    /**
     * The validation means of an accuracy-topN curve, NaN until N trials have entered the top N: with fewer, a single
     * lucky trial would count as a "top-10 mean" and match in one trial.
     */
    public static double[] validationMeans(AccuracyTopN.Result[] curve, int n) {
        double[] v = new double[curve.length];
        for (int i = 0; i < curve.length; i++) {
            v[i] = curve[i].count() < n ? Double.NaN : curve[i].validationMean();
        }
        return v;
    }
}
