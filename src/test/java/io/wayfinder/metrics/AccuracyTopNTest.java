package io.wayfinder.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyTopNTest {
    private static final double NAN = Double.NaN;

    @Test
    void topTwoOfFourByHand() {
        double[] v = {0.5, 0.9, 0.7, 0.8};
        double[] t = {0.4, 0.85, 0.6, 0.75};
        AccuracyTopN.Result r = AccuracyTopN.of(v, t, 2);
        // top 2 by validation: trials 1 (0.9) and 3 (0.8)
        assertThat(r.validationMean()).isCloseTo(0.85, within(1e-12));
        assertThat(r.testMean()).isCloseTo(0.80, within(1e-12));
        // sample sd of {0.85, 0.75} = sqrt(0.005) ; sem = sd / sqrt(2) = 0.05
        assertThat(r.testSem()).isCloseTo(0.05, within(1e-12));
        assertThat(r.count()).isEqualTo(2);
    }

    @Test
    void curveSkipsFailedTrialsAndIsMonotoneOnceNTrialsExist() {
        double[] v = {0.5, NAN, 0.3, 0.9, 0.2};
        double[] t = {0.45, NAN, 0.35, 0.7, 0.25};
        AccuracyTopN.Result[] c = AccuracyTopN.curve(v, t, 2);
        assertThat(c[0].validationMean()).isCloseTo(0.5, within(1e-12));
        assertThat(c[1].validationMean()).isCloseTo(0.5, within(1e-12));
        assertThat(c[1].count()).isEqualTo(1);
        assertThat(c[2].validationMean()).isCloseTo(0.4, within(1e-12));
        assertThat(c[3].validationMean()).isCloseTo(0.7, within(1e-12));
        assertThat(c[3].testMean()).isCloseTo(0.575, within(1e-12));
        assertThat(c[4].validationMean()).isCloseTo(0.7, within(1e-12));
        // before N trials the mean may fall (0.5 then mean(0.5, 0.3)); from N trials on it never does
        for (int i = 3; i < c.length; i++) {
            assertThat(c[i].validationMean()).isGreaterThanOrEqualTo(c[i - 1].validationMean());
        }
    }

    @Test
    void tiesKeepTheEarlierTrial() {
        double[] v = {0.8, 0.8, 0.8};
        double[] t = {0.1, 0.2, 0.3};
        assertThat(AccuracyTopN.of(v, t, 2).testMean()).isCloseTo(0.15, within(1e-12));
    }

    @Test
    void distinctCurveCountsARepeatedConfigurationOnce() {
        double[] v = {0.9, 0.9, 0.5, 0.7};
        double[] t = {0.8, 0.8, 0.4, 0.6};
        Object[] keys = {"a", "a", "b", "c"};
        AccuracyTopN.Result[] plain = AccuracyTopN.curve(v, t, 2);
        AccuracyTopN.Result[] distinct = AccuracyTopN.curveDistinct(v, t, keys, 2);
        assertThat(plain[3].validationMean()).isCloseTo(0.9, within(1e-12));
        assertThat(distinct[3].validationMean()).isCloseTo(0.8, within(1e-12));
        assertThat(distinct[3].testMean()).isCloseTo(0.7, within(1e-12));
        assertThat(distinct[1].count()).isEqualTo(1);
    }

    @Test
    void noTrialsGiveNaN() {
        AccuracyTopN.Result r = AccuracyTopN.of(new double[0], new double[0], 10);
        assertThat(r.validationMean()).isNaN();
        assertThat(r.count()).isZero();
    }
}
