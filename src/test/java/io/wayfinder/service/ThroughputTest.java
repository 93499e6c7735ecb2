package io.wayfinder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThroughputTest {
    private static final long S = 1_000_000_000L;

    @Test
    void slowTrialsReadAsOneAMinuteNotAsADecayToZero() {
        // one trial every 40 s (a one-shot search epoch), the follower polling every second
        SearchService.Throughput t = new SearchService.Throughput();
        double rate = 0;
        for (long sec = 0; sec <= 200; sec++) {
            rate = t.add((int) (sec / 40), sec * S);
        }
        // at 200 s the fifth trial arrives, 40 s after the fourth: 90 an hour; 10 more take 400 s
        assertThat(rate).isEqualTo(1.0 / 40, within(1e-9));
        assertThat(SearchService.eta(5, 15, rate)).isEqualTo(400_000L);
        // 30 s later, still 5: one trial in the 70 s since the fourth, falling with the wait but not to zero
        for (long sec = 201; sec <= 230; sec++) {
            rate = t.add(5, sec * S);
        }
        assertThat(rate).isEqualTo(1.0 / 70, within(1e-9));
    }

    @Test
    void fastRunsReadAsTheirRateOverTheLastTenSeconds() {
        SearchService.Throughput t = new SearchService.Throughput();
        double rate = 0;
        // 1000 trials/s for 20 s, then 100 trials/s for 20 s, sampled every 50 ms
        for (long ms = 0; ms <= 40_000; ms += 50) {
            int n = ms <= 20_000 ? (int) ms : 20_000 + (int) ((ms - 20_000) / 10);
            rate = t.add(n, ms * 1_000_000L);
        }
        assertThat(rate).isEqualTo(100, within(1.0));
        t.reset();
        assertThat(t.add(7, 0)).isZero();
    }
}
