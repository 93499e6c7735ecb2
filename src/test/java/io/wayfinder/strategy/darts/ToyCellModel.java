package io.wayfinder.strategy.darts;

import io.wayfinder.task.oneshot.OneShotModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A differentiable toy with a known best operation: per edge, y = sum_k p_k g_k where skip gives 0.5, avg_pool 0.3,
 * none 0 and the two convolutions their own weight (w1, w3); the loss is (y - 1)^2 averaged over edges. On the
 * validation split conv1x1 only delivers half its training output (it "overfits"), so once the weights have learned,
 * conv3x3 is the best operation on every edge; skip is the best before they have.
 */
public final class ToyCellModel implements OneShotModel {
    public static final List<String> OPS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
    public int passes;
    /** The auxiliary-skip weight of every pass, in order. */
    public final java.util.List<Double> auxiliarySkips = new ArrayList<>();

    @Override
    public List<String> operations() {
        return OPS;
    }

    @Override
    public int edges() {
        return 6;
    }

    @Override
    public List<Block> blocks() {
        List<Block> b = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            b.add(new Block("e" + e + "_conv1x1", 2 * e, 1, e, 2));
            b.add(new Block("e" + e + "_conv3x3", 2 * e + 1, 1, e, 3));
        }
        return b;
    }

    @Override
    public double[] initialWeights(long seed) {
        return new double[12];
    }

    @Override
    public int examples(Split split) {
        return 64;
    }

    @Override
    public Pass pass(double[] w, Mixing mixing, Split split, int[] examples, boolean weightGradient,
                     boolean alphaGradient) {
        passes++;
        auxiliarySkips.add(mixing.auxiliarySkip());
        double loss = 0;
        double[] gw = new double[12];
        double[][] ga = new double[6][5];
        for (int e = 0; e < 6; e++) {
            double[] p = new double[5];
            if (mixing.path() != null) {
                p[mixing.path()[e]] = 1;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double a : mixing.alphas()[e]) {
                    max = Math.max(max, a);
                }
                double sum = 0;
                for (int k = 0; k < 5; k++) {
                    p[k] = Math.exp(mixing.alphas()[e][k] - max);
                    sum += p[k];
                }
                for (int k = 0; k < 5; k++) {
                    p[k] /= sum;
                }
            }
            double c1 = split == Split.TRAIN ? 1 : 0.5;
            double[] g = {0, 0.5, c1 * w[2 * e], w[2 * e + 1], 0.3};
            double y = mixing.auxiliarySkip() * 0.5;
            for (int k = 0; k < 5; k++) {
                y += p[k] * g[k];
            }
            loss += (y - 1) * (y - 1) / 6;
            double dy = 2 * (y - 1) / 6;
            gw[2 * e] = dy * p[2] * c1;
            gw[2 * e + 1] = dy * p[3];
            double mean = 0;
            for (int k = 0; k < 5; k++) {
                mean += p[k] * g[k];
            }
            for (int k = 0; k < 5; k++) {
                ga[e][k] = dy * p[k] * (g[k] - mean);
            }
        }
        return new Pass(loss, Math.max(0, 1 - loss), weightGradient ? gw : null,
                alphaGradient && mixing.path() == null ? ga : null);
    }

    @Override
    public double accuracy(double[] weights, Mixing mixing, Split split) {
        return pass(weights, mixing, split, new int[]{0}, false, false).accuracy();
    }

    @Override
    public String datasetId() {
        return "toy";
    }

    @Override
    public String datasetHash() {
        return "toy";
    }

    @Override
    public String describe() {
        return "toy cell model";
    }
}
