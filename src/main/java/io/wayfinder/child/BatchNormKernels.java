package io.wayfinder.child;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Training-time batch normalisation over the channels of NCHW float activations: the batch statistics of the
 * forward pass and the whole backward pass, each a sweep over the contiguous {@code H*W} run of every
 * {@code (n, c)} pair, sums accumulated in double.
 *
 * <p>Why not ND4J: Deeplearning4j's oneDNN batch-norm helper computes the statistics with ND4J's strided (TAD)
 * reductions over dimensions (0, 2, 3), and libnd4j's {@code batchnorm_bp} (given the batch statistics as inputs)
 * corrects oneDNN's input gradient with further strided broadcasts and reductions: together about a fifth of a
 * conv child's training time (JFR, see {@code resources/benchmarks.md}). The arithmetic is the textbook one and
 * agrees with ND4J's to float rounding ({@code BatchNormKernelsTest}; {@code OneDnnHelpersTest} compares whole
 * training runs).
 *
 * <p>Not thread-safe: one instance per layer (its scratch rows are reused).
 */
final class BatchNormKernels {
    private float[] a = new float[0];
    private float[] b = new float[0];

    /** Whether {@code x} can be read here: rank-4, float, c-order with default strides. */
    static boolean supports(INDArray x) {
        return x.rank() == 4 && x.dataType() == DataType.FLOAT && x.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(x) && x.length() < Integer.MAX_VALUE;
    }

    /**
     * Writes the mean and the variance (divided by {@code N*H*W}, not bias-corrected) of every channel of the NCHW
     * array {@code x} into the length-{@code C} float vectors {@code mean} and {@code variance}. One pass over the
     * data per channel: sums of {@code x - K} and of its square, with {@code K} the channel's first value (shifted
     * data: a mean far from zero does not cancel the variance, as it would in {@code E[x^2] - E[x]^2}).
     */
    void meanAndVariance(INDArray x, INDArray mean, INDArray variance) {
        require(x);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        FloatBuffer data = x.data().asNioFloat();
        int base = FloatBuffers.start(x, data);
        float[] row = rows(hw);
        double count = (double) n * hw;
        double[] sums = new double[2];
        for (int ch = 0; ch < c; ch++) {
            double shift = data.get(base + ch * hw);
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                data.get(base + (i * c + ch) * hw, row, 0, hw);
                shiftedSums(row, hw, shift, sums);
                sum += sums[0];
                squares += sums[1];
            }
            double m = sum / count;
            mean.putScalar(ch, shift + m);
            variance.putScalar(ch, Math.max(0, squares / count - m * m));
        }
    }

    /**
     * The backward pass of batch normalisation in training mode, {@code y = gamma * (x - mean) / sqrt(var + eps)
     * + beta} with the batch's own {@code mean} and {@code variance}: writes {@code dL/dgamma} and {@code dL/dbeta}
     * (length {@code C}) and {@code dL/dx} (shape of {@code x}, c-order) from {@code dL/dy}.
     */
    void backward(INDArray x, INDArray dy, INDArray mean, INDArray variance, INDArray gamma, double eps,
                  INDArray dGamma, INDArray dBeta, INDArray dx) {
        require(x);
        require(dy);
        require(dx);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        FloatBuffer xs = x.data().asNioFloat();
        FloatBuffer dys = dy.data().asNioFloat();
        FloatBuffer dxs = dx.data().asNioFloat();
        int xBase = FloatBuffers.start(x, xs);
        int dyBase = FloatBuffers.start(dy, dys);
        int dxBase = FloatBuffers.start(dx, dxs);
        float[] xr = rows(hw);
        float[] dyr = b;
        double count = (double) n * hw;
        double[] sums = new double[2];
        for (int ch = 0; ch < c; ch++) {
            float mu = mean.getFloat(ch);
            double istd = 1.0 / Math.sqrt(variance.getDouble(ch) + eps);
            double sumDy = 0;
            double sumDyCentred = 0;
            for (int i = 0; i < n; i++) {
                int off = (i * c + ch) * hw;
                xs.get(xBase + off, xr, 0, hw);
                dys.get(dyBase + off, dyr, 0, hw);
                gradientSums(dyr, xr, hw, mu, sums);
                sumDy += sums[0];
                sumDyCentred += sums[1];
            }
            double dBetaC = sumDy;
            double dGammaC = sumDyCentred * istd;
            double g = gamma == null ? 1.0 : gamma.getDouble(ch);
            // dx = g * istd / M * (M * dy - dBeta - xhat * dGamma), xhat = (x - mu) * istd
            float scale = (float) (g * istd);
            float shift = (float) (g * istd * dBetaC / count);
            float slope = (float) (g * istd * istd * dGammaC / count);
            for (int i = 0; i < n; i++) {
                int off = (i * c + ch) * hw;
                xs.get(xBase + off, xr, 0, hw);
                dys.get(dyBase + off, dyr, 0, hw);
                for (int k = 0; k < hw; k++) {
                    dyr[k] = scale * dyr[k] - shift - slope * (xr[k] - mu);
                }
                dxs.put(dxBase + off, dyr, 0, hw);
            }
            dGamma.putScalar(ch, dGammaC);
            dBeta.putScalar(ch, dBetaC);
        }
    }

    private static void require(INDArray x) {
        if (!supports(x)) {
            throw new IllegalArgumentException("not a c-order NCHW float array: " + x.shapeInfoToString());
        }
    }

    private float[] rows(int length) {
        if (a.length < length) {
            a = new float[length];
            b = new float[length];
        }
        return a;
    }

    /** {@code out[0] = sum(v - shift)}, {@code out[1] = sum((v - shift)^2)} over {@code v[0..length)}. */
    private static void shiftedSums(float[] v, int length, double shift, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            double d0 = v[k] - shift;
            double d1 = v[k + 1] - shift;
            double d2 = v[k + 2] - shift;
            double d3 = v[k + 3] - shift;
            s0 += d0;
            s1 += d1;
            s2 += d2;
            s3 += d3;
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; k < length; k++) {
            double d = v[k] - shift;
            s0 += d;
            q0 += d * d;
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (q0 + q1) + (q2 + q3);
    }

    /**
     * {@code out[0] = sum(dy)}, {@code out[1] = sum(dy * (x - mean))} over {@code [0..length)}.
     */
    private static void gradientSums(float[] dy, float[] x, int length, double mean, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += dy[k];
            s1 += dy[k + 1];
            s2 += dy[k + 2];
            s3 += dy[k + 3];
            p0 += dy[k] * (x[k] - mean);
            p1 += dy[k + 1] * (x[k + 1] - mean);
            p2 += dy[k + 2] * (x[k + 2] - mean);
            p3 += dy[k + 3] * (x[k + 3] - mean);
        }
        for (; k < length; k++) {
            s0 += dy[k];
            p0 += dy[k] * (x[k] - mean);
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = (p0 + p1) + (p2 + p3);
    }
}
