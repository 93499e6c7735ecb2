package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batch statistics agree with ND4J's mean and population variance over dimensions 0, 2, 3; the backward pass
 * agrees with finite differences of batch normalisation's training-mode output.
 */
class BatchNormKernelsTest {
    private static void checkStatistics(INDArray x) {
        INDArray mean = Nd4j.create(DataType.FLOAT, x.size(1));
        INDArray variance = Nd4j.create(DataType.FLOAT, x.size(1));
        new BatchNormKernels().meanAndVariance(x, mean, variance);
        INDArray m = x.castTo(DataType.DOUBLE).mean(0, 2, 3);
        INDArray v = x.castTo(DataType.DOUBLE).var(false, 0, 2, 3);
        for (int c = 0; c < x.size(1); c++) {
            assertThat(mean.getDouble(c)).as("mean of channel %d", c)
                    .isCloseTo(m.getDouble(c), within(1e-6 * (1 + Math.abs(m.getDouble(c)))));
            assertThat(variance.getDouble(c)).as("variance of channel %d", c)
                    .isCloseTo(v.getDouble(c), within(1e-6 * (1 + v.getDouble(c))));
        }
    }

    @Test
    void statisticsMatchNd4jOnAContiguousActivation() {
        Nd4j.getRandom().setSeed(3);
        checkStatistics(Nd4j.randn(DataType.FLOAT, 16, 5, 7, 7));
    }

    @Test
    void aLargeMeanDoesNotCancelTheVariance() {
        Nd4j.getRandom().setSeed(4);
        checkStatistics(Nd4j.randn(DataType.FLOAT, 8, 3, 4, 4).addi(1000));
    }

    @Test
    void readsAViewWithAnOffset() {
        Nd4j.getRandom().setSeed(5);
        INDArray big = Nd4j.rand(DataType.FLOAT, 6, 3, 4, 5);
        INDArray view = big.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        assertThat(BatchNormKernels.supports(view)).isTrue();
        checkStatistics(view);
    }

    @Test
    void refusesWhatItCannotRead() {
        INDArray permuted = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5).permute(0, 3, 1, 2);
        assertThat(BatchNormKernels.supports(permuted)).isFalse();
        assertThat(BatchNormKernels.supports(Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5))).isFalse();
        assertThatThrownBy(() -> new BatchNormKernels().meanAndVariance(permuted, Nd4j.create(DataType.FLOAT, 4),
                Nd4j.create(DataType.FLOAT, 4))).isInstanceOf(IllegalArgumentException.class);
    }

    /** sum(r * batchnorm(x)) in double, batch statistics of x itself. */
    private static double objective(double[][][] x, double[] gamma, double[] beta, double eps, double[][][] r) {
        int n = x.length;
        int c = x[0].length;
        int hw = x[0][0].length;
        double total = 0;
        for (int ch = 0; ch < c; ch++) {
            double mu = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    mu += x[i][ch][k];
                }
            }
            mu /= n * hw;
            double var = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    var += (x[i][ch][k] - mu) * (x[i][ch][k] - mu);
                }
            }
            var /= n * hw;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hw; k++) {
                    total += r[i][ch][k] * (gamma[ch] * (x[i][ch][k] - mu) / Math.sqrt(var + eps) + beta[ch]);
                }
            }
        }
        return total;
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        int n = 3;
        int c = 2;
        int h = 2;
        int w = 3;
        double eps = 1e-5;
        java.util.Random rnd = new java.util.Random(7);
        double[][][] x = new double[n][c][h * w];
        double[][][] r = new double[n][c][h * w];
        INDArray xa = Nd4j.create(DataType.FLOAT, n, c, h, w);
        INDArray dy = Nd4j.create(DataType.FLOAT, n, c, h, w);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < h * w; k++) {
                    float xv = (float) (rnd.nextGaussian() * (1 + ch) + ch);
                    float rv = (float) rnd.nextGaussian();
                    x[i][ch][k] = xv;
                    r[i][ch][k] = rv;
                    xa.putScalar(new long[] {i, ch, k / w, k % w}, xv);
                    dy.putScalar(new long[] {i, ch, k / w, k % w}, rv);
                }
            }
        }
        double[] gamma = {1.3, 0.7};
        double[] beta = {0.1, -0.2};
        BatchNormKernels kernels = new BatchNormKernels();
        INDArray mean = Nd4j.create(DataType.FLOAT, c);
        INDArray variance = Nd4j.create(DataType.FLOAT, c);
        kernels.meanAndVariance(xa, mean, variance);
        INDArray dGamma = Nd4j.create(DataType.FLOAT, 1, c);
        INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, c);
        INDArray dx = Nd4j.create(DataType.FLOAT, n, c, h, w);
        kernels.backward(xa, dy, mean, variance, Nd4j.createFromArray(new float[] {1.3f, 0.7f}), eps, dGamma,
                dBeta, dx);
        double step = 1e-5;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < h * w; k++) {
                    double keep = x[i][ch][k];
                    x[i][ch][k] = keep + step;
                    double up = objective(x, gamma, beta, eps, r);
                    x[i][ch][k] = keep - step;
                    double down = objective(x, gamma, beta, eps, r);
                    x[i][ch][k] = keep;
                    assertThat(dx.getDouble(i, ch, k / w, k % w)).as("dL/dx[%d,%d,%d]", i, ch, k)
                            .isCloseTo((up - down) / (2 * step), within(2e-4));
                }
            }
        }
        for (int ch = 0; ch < c; ch++) {
            double keep = gamma[ch];
            gamma[ch] = keep + step;
            double up = objective(x, gamma, beta, eps, r);
            gamma[ch] = keep - step;
            double down = objective(x, gamma, beta, eps, r);
            gamma[ch] = keep;
            assertThat(dGamma.getDouble(ch)).as("dL/dgamma[%d]", ch).isCloseTo((up - down) / (2 * step), within(2e-4));
            double sumR = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < h * w; k++) {
                    sumR += r[i][ch][k];
                }
            }
            assertThat(dBeta.getDouble(ch)).as("dL/dbeta[%d]", ch).isCloseTo(sumR, within(1e-5));
        }
    }
}
