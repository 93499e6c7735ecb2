package io.wayfinder.child;

import io.wayfinder.task.ImageDataSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of a fixed 6-layer Zoph &amp; Le conv net: 3x3 filters, 36 filters per layer, strides
 * 1, 1, 2, 1, 2, 1, each layer fed by the previous one, with skips 0 -> 3 and 2 -> 5 (so both a concatenation with
 * zero padding and a plain chain are timed).
 */
public final class ConvNetBench {
    private ConvNetBench() {
    }

    /** The fixed architecture. */
    public static ConvNetArchitecture fixedArchitecture() {
        int[] strides = {1, 1, 2, 1, 2, 1};
        List<ConvLayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<Integer> in = new ArrayList<>();
            if (i == 3) {
                in.add(0);
            }
            if (i == 5) {
                in.add(2);
            }
            if (i > 0) {
                in.add(i - 1);
            }
            in.sort(null);
            layers.add(new ConvLayerSpec(3, 3, 36, strides[i], in));
        }
        return new ConvNetArchitecture(layers);
    }

    /** fp32 peak of one core of the reference machine (AMD Zen 4, 2.6 GHz, AVX-512), GFLOP/s. */
    public static final double PEAK_GFLOPS_PER_CORE = 83.0;

    /**
     * Floating-point operations to train on one image (forward, backward to inputs and to weights: 3x the forward
     * multiply-adds, 2 FLOPs each), counted from the plan's shapes: convolutions and the output layer only (batch
     * norm, ReLU, padding and pooling are memory-bound and small).
     */
    public static double trainingFlopsPerImage(ConvNetPlan plan) {
        double forward = 0;
        for (ConvNetPlan.Node n : plan.nodes()) {
            if (n.op() == ConvNetPlan.Op.CONV || n.op() == ConvNetPlan.Op.SOFTMAX) {
                int inDepth = 0;
                for (String in : n.inputs()) {
                    ConvNetPlan.Node i = plan.node(in);
                    inDepth += i.depth();
                }
                if (n.op() == ConvNetPlan.Op.CONV) {
                    forward += 2.0 * n.height() * n.width() * n.depth() * n.conv().filterHeight()
                            * n.conv().filterWidth() * inDepth;
                } else {
                    forward += 2.0 * inDepth * n.depth();
                }
            }
        }
        return 3 * forward;
    }

    /** The fixed net's plan on images of the given size. */
    public static ConvNetPlan fixedPlan(int rows, int cols, int classes) {
        return ConvNetPlan.of(fixedArchitecture(), rows, cols, 1, classes);
    }

    /** ND4J's current thread caps, for the report. */
    public static String threadInfo() {
        return "ND4J maxThreads " + Nd4j.getEnvironment().maxThreads() + ", maxMasterThreads "
                + Nd4j.getEnvironment().maxMasterThreads();
    }

    /** Caps ND4J's threads in this process (0 leaves them). */
    public static void setThreads(int threads) {
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    /**
     * Images per second of training epochs over {@code data}: one unreported warm-up epoch, then {@code repeats}
     * timed epochs; returns every repeat's figure.
     */
    public static double[] imagesPerSecond(ImageDataSet data, int batchSize, int repeats, long seed) {
        ConvNetTrainer.useFloat();
        ConvNetPlan plan = fixedPlan(data.rows(), data.cols(), data.classes());
        ComputationGraph net = new ComputationGraph(ConvNetBuilder.configuration(plan, seed, 1e-3));
        net.init();
        OneDnnHelpers.install(net);
        ConvNetTrainer trainer = new ConvNetTrainer(net, null);
        trainer.fitEpoch(data, batchSize, seed);
        double[] out = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            trainer.fitEpoch(data, batchSize, seed + r + 1);
            out[r] = data.count() / ((System.nanoTime() - t0) / 1e9);
        }
        return out;
    }

    public static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
