package io.wayfinder.child;

import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.ImageDataSet;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains and scores one {@link ComputationGraph} on grey-scale images (NCHW float, pixels scaled to [0, 1]). Not
 * shared between threads: one trainer per child.
 */
public final class ConvNetTrainer {
    private static final int EVAL_BATCH = 500;

    static {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private final ComputationGraph net;
    private final BooleanSupplier cancelled;

    public ConvNetTrainer(ComputationGraph net, BooleanSupplier cancelled) {
        this.net = net;
        this.cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** Makes sure ND4J uses float by default (call before building networks elsewhere). */
    public static void useFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    public ComputationGraph net() {
        return net;
    }

    /**
     * One epoch over {@code data} in a seeded random order; returns the mean minibatch loss.
     *
     * @throws ChildFailedException when the loss becomes NaN or infinite
     * @throws CancellationException when the cancel flag is raised (checked before every minibatch)
     */
    public double fitEpoch(ImageDataSet data, int batchSize, long shuffleSeed) {
        int n = data.count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(shuffleSeed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] pixels = new float[batchSize * data.pixelsPerImage()];
        float[] labels = new float[batchSize * data.classes()];
        double sum = 0;
        int batches = 0;
        for (int from = 0; from < n; from += batchSize) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled during training");
            }
            int b = Math.min(batchSize, n - from);
            INDArray[] batch = batch(data, order, from, b, pixels, labels);
            net.fit(new INDArray[] {batch[0]}, new INDArray[] {batch[1]});
            double loss = net.score();
            if (Double.isNaN(loss) || Double.isInfinite(loss)) {
                throw new ChildFailedException("diverged: training loss " + loss + " at minibatch " + batches);
            }
            sum += loss;
            batches++;
        }
        return sum / Math.max(1, batches);
    }

    /** The fraction of {@code data} classified correctly (inference mode, batch norm with running statistics). */
    public double accuracy(ImageDataSet data) {
        int n = data.count();
        int correct = 0;
        float[] pixels = new float[EVAL_BATCH * data.pixelsPerImage()];
        float[] labels = new float[EVAL_BATCH * data.classes()];
        for (int from = 0; from < n; from += EVAL_BATCH) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled during evaluation");
            }
            int b = Math.min(EVAL_BATCH, n - from);
            INDArray[] batch = batch(data, null, from, b, pixels, labels);
            INDArray out = net.outputSingle(false, batch[0]);
            INDArray predicted = out.argMax(1);
            for (int i = 0; i < b; i++) {
                if (predicted.getInt(i) == data.label(from + i)) {
                    correct++;
                }
            }
            if (out.isInfinite().any() || out.isNaN().any()) {
                throw new ChildFailedException("diverged: NaN or infinite outputs on " + data.name());
            }
        }
        return (double) correct / n;
    }

    private static INDArray[] batch(ImageDataSet data, int[] order, int from, int b, float[] pixels, float[] labels) {
        int ppi = data.pixelsPerImage();
        float[] px = b * ppi == pixels.length ? pixels : new float[b * ppi];
        data.scaledPixels(order, from, b, px);
        float[] lb = b * data.classes() == labels.length ? labels : new float[b * data.classes()];
        java.util.Arrays.fill(lb, 0f);
        for (int i = 0; i < b; i++) {
            int src = order == null ? from + i : order[from + i];
            lb[i * data.classes() + data.label(src)] = 1f;
        }
        INDArray f = Nd4j.create(px, new long[] {b, 1, data.rows(), data.cols()}, 'c');
        INDArray l = Nd4j.create(lb, new long[] {b, data.classes()}, 'c');
        return new INDArray[] {f, l};
    }
}
