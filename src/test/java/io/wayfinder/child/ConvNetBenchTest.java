package io.wayfinder.child;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConvNetBenchTest {
    @Test
    void trainingFlopsOfTheFixedNetAreCountedFromItsShapes() {
        // by hand: 2 * outH * outW * 36 * 9 * inDepth per conv (28x28: layers 0, 1, 3; 14x14: 2, 4, 5; layers 3 and 5
        // read 72 channels, layer 0 one), plus the dense 36 -> 10; training = 3x forward
        double forward = 2.0 * 36 * 9 * (28 * 28 * (1 + 36 + 72) + 14 * 14 * (36 + 36 + 72)) + 2.0 * 36 * 10;
        assertEquals(3 * forward, ConvNetBench.trainingFlopsPerImage(ConvNetBench.fixedPlan(28, 28, 10)), 1e-6);
        assertEquals(221.0, ConvNetBench.trainingFlopsPerImage(ConvNetBench.fixedPlan(28, 28, 10)) / 1e6, 0.05);
    }
}
