package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.task.ImageDataSet;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/**
 * The oneDNN paths train the same network as DL4J's built-in path: same seed, same loss curve, same accuracy; and
 * the default path (forward output reused in backprop, own batch statistics) trains the same network as DL4J's
 * helpers as shipped.
 */
class OneDnnHelpersTest {
    private static ComputationGraph net(boolean oneDnn) {
        return net(oneDnn ? OneDnnHelpers.Mode.FAST : OneDnnHelpers.Mode.OFF);
    }

    private static ComputationGraph net(OneDnnHelpers.Mode mode) {
        ConvNetTrainer.useFloat();
        ConvNetPlan plan = ConvNetPlan.of(ConvNetBench.fixedArchitecture(), 8, 8, 1, 2);
        ComputationGraph net = new ComputationGraph(ConvNetBuilder.configuration(plan, 11, 3e-3));
        net.init();
        if (mode != OneDnnHelpers.Mode.OFF) {
            assertThat(OneDnnHelpers.install(net, mode)).as("conv + batch-norm layers given the oneDNN helper")
                    .isEqualTo(12);
        }
        return net;
    }

    @Test
    void theShippedNd4jBuildHasOneDnn() {
        assertThat(OneDnnHelpers.available()).as("nd4j-native linux-x86_64-onednn on the class path").isTrue();
        assertThat(OneDnnHelpers.describe()).contains("oneDNN");
    }

    @Test
    void helpersAreInPlaceAfterInstall() {
        ComputationGraph net = net(true);
        int withHelper = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer c && c.getHelper() != null) {
                withHelper++;
            }
            if (l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization b
                    && b.getHelper() != null) {
                withHelper++;
            }
        }
        assertThat(withHelper).isEqualTo(12);
        for (Layer l : net(false).getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer c) {
                assertThat(c.getHelper()).as("DL4J 1.0.0-M2.1 installs no helper by itself").isNull();
            }
        }
    }

    @Test
    void sameSeedGivesTheSameLossCurveAndAccuracyOnBothPaths() {
        ImageDataSet d = ConvNetTrainerTest.tiny(192);
        ConvNetTrainer builtin = new ConvNetTrainer(net(false), null);
        ConvNetTrainer oneDnn = new ConvNetTrainer(net(true), null);
        for (int e = 0; e < 4; e++) {
            double a = builtin.fitEpoch(d, 16, e);
            double b = oneDnn.fitEpoch(d, 16, e);
            assertThat(b).as("mean training loss, epoch %d", e).isCloseTo(a, within(2e-3 + 2e-3 * Math.abs(a)));
        }
        assertThat(oneDnn.accuracy(d)).isCloseTo(builtin.accuracy(d), within(1.0 / 192 * 2));
        assertThat(oneDnn.net().params().sub(builtin.net().params()).norm2Number().doubleValue()
                / builtin.net().params().norm2Number().doubleValue()).as("relative parameter difference")
                .isLessThan(1e-3);
    }

    @Test
    void reusingTheForwardOutputAndOwnBatchNormKernelsTrainTheSameNetAsDl4jsHelpers() {
        ImageDataSet d = ConvNetTrainerTest.tiny(192);
        ConvNetTrainer shipped = new ConvNetTrainer(net(OneDnnHelpers.Mode.DL4J), null);
        ConvNetTrainer fast = new ConvNetTrainer(net(OneDnnHelpers.Mode.FAST), null);
        for (int e = 0; e < 4; e++) {
            double a = shipped.fitEpoch(d, 16, e);
            double b = fast.fitEpoch(d, 16, e);
            assertThat(b).as("mean training loss, epoch %d", e).isCloseTo(a, within(1e-4 + 1e-4 * Math.abs(a)));
        }
        assertThat(fast.accuracy(d)).isEqualTo(shipped.accuracy(d));
        assertThat(fast.net().params().sub(shipped.net().params()).norm2Number().doubleValue()
                / shipped.net().params().norm2Number().doubleValue()).as("relative parameter difference")
                .isLessThan(1e-4);
        long reused = 0;
        for (Layer l : fast.net().getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer c) {
                reused += ((OneDnnHelpers.ConvHelper) c.getHelper()).reused();
            }
        }
        assertThat(reused).as("backward passes that reused the forward output: 6 layers x 12 minibatches x 4 epochs")
                .isEqualTo(6 * 12 * 4);
    }
}
