package io.wayfinder.strategy.tpe;

/**
 * The settings of {@link TreeParzenEstimator}, each with its documented range (see {@link TpeProvider}).
 *
 * @param multivariate one joint kernel per observation over all decisions (true) or one density per decision
 * @param gamma        the share of observations that count as good
 * @param maxGood      at most this many good observations
 * @param candidates   candidates drawn from the good density per proposal; the best l/g ratio wins
 * @param startup      proposals drawn uniformly before the densities are used
 * @param priorWeight  weight of the uniform prior in both densities
 * @param distinct     never propose a configuration this task has already observed (a table answers a repeat with
 *                     the same number, a trained child with another sample of the same thing)
 * @param neighbours   the best this many observations also offer every configuration one decision away from them
 *                     as candidates (0: candidates only from the good density)
 */
public record TpeSettings(boolean multivariate, double gamma, int maxGood, int candidates, int startup,
                          double priorWeight, boolean distinct, int neighbours) {
    public static final TpeSettings DEFAULTS = new TpeSettings(true, 0.1, 25, 24, 10, 1.0, true, 10);

    public TpeSettings {
        if (!(gamma > 0 && gamma < 1) || maxGood < 1 || candidates < 1 || startup < 1 || !(priorWeight > 0)
                || neighbours < 0) {
            throw new IllegalArgumentException("TPE needs 0 < gamma < 1, maxGood, candidates, startup >= 1 and "
                    + "priorWeight > 0");
        }
    }
}
