package io.wayfinder.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameSequence() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        assertThat(new Rng(43).nextLong()).isNotEqualTo(new Rng(42).nextLong());
    }

    @Test
    void stateRoundTripContinuesTheSequenceIncludingACachedGaussian() {
        Rng a = new Rng(7);
        a.nextGaussian();
        Rng b = Rng.fromState(a.state());
        for (int i = 0; i < 100; i++) {
            assertThat(b.nextGaussian()).isEqualTo(a.nextGaussian());
            assertThat(b.nextInt(17)).isEqualTo(a.nextInt(17));
        }
    }

    @Test
    void nextIntIsUniformEnough() {
        Rng r = new Rng(1);
        int[] counts = new int[5];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(5)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(n / 5 - 1000, n / 5 + 1000);
        }
    }

    @Test
    void permutationHoldsEveryIndexOnceAndRepeatsWithTheSeed() {
        int[] p = new Rng(7).permutation(1000);
        assertThat(p).hasSize(1000);
        assertThat(java.util.Arrays.stream(p).sorted().toArray())
                .isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
        assertThat(new Rng(7).permutation(1000)).isEqualTo(p);
        assertThat(new Rng(8).permutation(1000)).isNotEqualTo(p);
        assertThat(new Rng(7).permutation(0)).isEmpty();
    }
}
