package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.task.ImageDataSet;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/** The oneDNN path trains the same network as DL4J's built-in path: same seed, same loss curve, same accuracy. */
class OneDnnHelpersTest {
    private static ComputationGraph net(boolean oneDnn) {
        ConvNetTrainer.useFloat();
        ConvNetPlan plan = ConvNetPlan.of(ConvNetBench.fixedArchitecture(), 8, 8, 1, 2);
        ComputationGraph net = new ComputationGraph(ConvNetBuilder.configuration(plan, 11, 3e-3));
        net.init();
        if (oneDnn) {
            assertThat(OneDnnHelpers.install(net)).as("conv + batch-norm layers given the oneDNN helper")
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
}
