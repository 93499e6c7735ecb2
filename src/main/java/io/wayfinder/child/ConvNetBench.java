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
        ConvNetPlan plan = ConvNetPlan.of(fixedArchitecture(), data.rows(), data.cols(), 1, data.classes());
        ComputationGraph net = new ComputationGraph(ConvNetBuilder.configuration(plan, seed, 1e-3));
        net.init();
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
