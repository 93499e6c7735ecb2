package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.task.ImageDataSet;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;

/** The conv children's learning-rate schedules: values by minibatch, and the network really follows them. */
class ConvNetLearningRateScheduleTest {
    @Test
    void decaysReachZeroAtTheLastMinibatchAndConstantStays() {
        ISchedule constant = ConvNetBuilder.learningRateSchedule(0.01, "constant", 100);
        ISchedule linear = ConvNetBuilder.learningRateSchedule(0.01, "linear", 100);
        ISchedule cosine = ConvNetBuilder.learningRateSchedule(0.01, "cosine", 100);
        assertThat(constant.valueAt(0, 0)).isEqualTo(0.01);
        assertThat(constant.valueAt(99, 0)).isEqualTo(0.01);
        assertThat(linear.valueAt(0, 0)).isCloseTo(0.01, within(1e-12));
        assertThat(linear.valueAt(50, 0)).isCloseTo(0.005, within(1e-12));
        assertThat(linear.valueAt(99, 0)).isCloseTo(0.0001, within(1e-12));
        assertThat(cosine.valueAt(0, 0)).isCloseTo(0.01, within(1e-12));
        assertThat(cosine.valueAt(50, 0)).isCloseTo(0.005, within(1e-12));
        assertThat(cosine.valueAt(25, 0)).isCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-12));
        assertThat(cosine.valueAt(100, 0)).isZero();
        assertThatThrownBy(() -> ConvNetBuilder.learningRateSchedule(0.01, "step", 100))
                .hasMessageContaining("constant, linear, cosine");
    }

    @Test
    void aTrainedNetFollowsItsScheduleAndItsConfigurationRoundTrips() {
        ConvNetTrainer.useFloat();
        ConvNetPlan plan = ConvNetPlan.of(ConvNetBench.fixedArchitecture(), 8, 8, 1, 2);
        ImageDataSet d = ConvNetTrainerTest.tiny(128);
        int iterations = 2 * 128 / 16;
        ComputationGraphConfiguration conf = ConvNetBuilder.configuration(plan, 11, 3e-3, "cosine", iterations);
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        ConvNetTrainer t = new ConvNetTrainer(net, null);
        assertThat(net.getLearningRate("layer0_conv")).isCloseTo(3e-3, within(1e-9));
        t.fitEpoch(d, 16, 0);
        assertThat(net.getLearningRate("layer0_conv")).as("half way").isCloseTo(1.5e-3, within(1e-9));
        t.fitEpoch(d, 16, 1);
        assertThat(net.getLearningRate("layer0_conv")).as("at the end").isCloseTo(0, within(1e-9));
        assertThat(t.accuracy(d)).isGreaterThan(0.8);
    }
}
