package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OffHeapCollectorTest {
    @Test
    void collectsOnlyOverTheBoundAndNotMoreOftenThanTheInterval() {
        assertThat(OffHeapCollector.offHeapResidentBytes()).isPositive();
        OffHeapCollector never = new OffHeapCollector(Long.MAX_VALUE, 0);
        assertThat(never.collectIfOver()).isFalse();
        assertThat(never.collections()).isZero();

        OffHeapCollector always = new OffHeapCollector(1, 0);
        assertThat(always.collectIfOver()).isTrue();
        assertThat(always.collectIfOver()).isTrue();
        assertThat(always.collections()).isEqualTo(2);

        OffHeapCollector paced = new OffHeapCollector(1, 3_600_000);
        assertThat(paced.collectIfOver()).isTrue();
        assertThat(paced.collectIfOver()).isFalse();
        assertThat(paced.collections()).isEqualTo(1);
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThatThrownBy(() -> new OffHeapCollector(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
