package io.wayfinder.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrialsToMatchTest {
    @Test
    void firstTrialReachingTheLevelCountsFromOne() {
        double[] curve = {Double.NaN, 0.5, 0.6, 0.6, 0.8};
        assertThat(TrialsToMatch.trialsToReach(curve, 0.6)).isEqualTo(3);
        assertThat(TrialsToMatch.trialsToReach(curve, 0.8)).isEqualTo(5);
        assertThat(TrialsToMatch.trialsToReach(curve, 0.9)).isEqualTo(TrialsToMatch.NOT_REACHED);
        assertThat(TrialsToMatch.levelAt(curve, 4)).isEqualTo(0.6);
        assertThat(TrialsToMatch.levelAt(curve, 100)).isEqualTo(0.8);
    }

    @Test
    void reachingTheLevelAfterTheBudgetIsNotReached() {
        double[] curve = {Double.NaN, 0.5, 0.6, 0.6, 0.8};
        assertThat(TrialsToMatch.trialsToReach(curve, 0.8, 4)).isEqualTo(TrialsToMatch.NOT_REACHED);
        assertThat(TrialsToMatch.trialsToReach(curve, 0.8, 5)).isEqualTo(5);
        assertThat(TrialsToMatch.trialsToReach(curve, 0.6, 100)).isEqualTo(3);
    }

    @Test
    void randomSearchReachesItsOwnLevelWhenItsTopTenLastImproved() {
        // top-2 over validation 0.1, 0.5, 0.3, 0.4, 0.2: 0.1, 0.3, 0.4, 0.45, 0.45
        double[] v = {0.1, 0.5, 0.3, 0.4, 0.2};
        double[] curve = TrialsToMatch.validationMeans(AccuracyTopN.curve(v, v, 2), 2);
        double level = TrialsToMatch.levelAt(curve, 5);
        assertThat(level).isCloseTo(0.45, within(1e-12));
        assertThat(TrialsToMatch.trialsToReach(curve, level)).isEqualTo(4);
        assertThat(curve[0]).isNaN();
    }

    @Test
    void aSingleLuckyTrialDoesNotMatchATopTenLevel() {
        double[] v = {0.9, 0.1, 0.1};
        double[] curve = TrialsToMatch.validationMeans(AccuracyTopN.curve(v, v, 3), 3);
        assertThat(TrialsToMatch.trialsToReach(curve, 0.5)).isEqualTo(TrialsToMatch.NOT_REACHED);
        assertThat(TrialsToMatch.trialsToReach(curve, 0.3)).isEqualTo(3);
    }

    @Test
    void quantilesInterpolateLinearly() {
        double[] xs = {7, 1, 3, 5};
        assertThat(Quantiles.median(xs)).isEqualTo(4.0);
        assertThat(Quantiles.interquartile(xs)).containsExactly(2.5, 5.5);
        assertThat(Quantiles.median(new double[]{2})).isEqualTo(2.0);
        assertThat(Quantiles.median(new double[0])).isNaN();
    }
}
