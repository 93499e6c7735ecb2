package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.task.ImageDataSet;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class ConvNetTrainerTest {
    static ImageDataSet tiny(int n) {
        Random r = new Random(1);
        byte[] px = new byte[n * 8 * 8];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 2);
            for (int k = 0; k < 64; k++) {
                // class 1 is bright on the left half: learnable
                int base = (labels[i] == 1 && k % 8 < 4) ? 160 : 40;
                px[i * 64 + k] = (byte) (base + r.nextInt(60));
            }
        }
        return new ImageDataSet("tiny", px, labels, 8, 8, 2);
    }

    static ConvNetTrainer trainer(java.util.function.BooleanSupplier cancelled) {
        ConvNetTrainer.useFloat();
        ConvNetPlan plan = ConvNetPlan.of(ConvNetBench.fixedArchitecture(), 8, 8, 1, 2);
        ComputationGraph net = new ComputationGraph(ConvNetBuilder.configuration(plan, 11, 3e-3));
        net.init();
        return new ConvNetTrainer(net, cancelled);
    }

    @Test
    void learnsASimpleSeparableTask() {
        ImageDataSet d = tiny(128);
        ConvNetTrainer t = trainer(null);
        for (int e = 0; e < 4; e++) {
            assertThat(t.fitEpoch(d, 16, e)).isFinite();
        }
        assertThat(t.accuracy(d)).isGreaterThan(0.8);
    }

    @Test
    void stopsBetweenMinibatchesWhenCancelled() {
        AtomicInteger polls = new AtomicInteger();
        ConvNetTrainer t = trainer(() -> polls.incrementAndGet() > 3);
        assertThatThrownBy(() -> t.fitEpoch(tiny(128), 16, 0)).isInstanceOf(CancellationException.class);
        assertThat(polls.get()).isEqualTo(4);
    }
}
