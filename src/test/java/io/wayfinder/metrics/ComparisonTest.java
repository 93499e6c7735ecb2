package io.wayfinder.metrics;

import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    static RunRecord run(long id, String strategy, long seed, String... tasks) {
        return new RunRecord(id, "r" + id, strategy, seed, RunStatus.FINISHED, null, 0, 0, 10, "h", "{}", "{}",
                List.of(tasks), "/d");
    }

    static RunRecord run(long id, String strategy, String... tasks) {
        return run(id, strategy, 1, tasks);
    }

    /** Trials of task 0 with these validation (and test = validation - 0.01) figures, observed in order. */
    static List<TrialRecord> trials(long run, double... validation) {
        List<TrialRecord> out = new ArrayList<>();
        for (int i = 0; i < validation.length; i++) {
            boolean failed = Double.isNaN(validation[i]);
            out.add(new TrialRecord(run * 1000 + i + 1, run, i, 1, 0, new int[]{i}, "{}",
                    failed ? TrialStatus.FAILED : TrialStatus.COMPLETE, failed ? "NaN" : null, failed ? 0 : validation[i],
                    validation[i], validation[i] - 0.01, 0, 0, i, i, i, "{}", null));
        }
        return out;
    }

    /** A run whose validation accuracy is 0.01 * trial number (1-based): top-2 after t trials is (2t - 1) / 200. */
    static List<TrialRecord> rising(long run, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * 0.01 * (i + 1);
        }
        return trials(run, v);
    }

    @Test
    void learningCurvesFollowObservationOrderAndSkipFailedTrials() {
        List<TrialRecord> t = new ArrayList<>(trials(1, 0.2, Double.NaN, 0.6, 0.4));
        java.util.Collections.reverse(t);
        AccuracyTopN.Result[] c = LearningCurves.accuracyTopN(t, 0, 2, Counting.EVERY_TRIAL);
        assertThat(c).hasSize(4);
        assertThat(c[0].validationMean()).isCloseTo(0.2, within(1e-12));
        assertThat(c[1].count()).isEqualTo(1);
        assertThat(c[2].validationMean()).isCloseTo(0.4, within(1e-12));
        assertThat(c[3].validationMean()).isCloseTo(0.5, within(1e-12));
        assertThat(c[3].testMean()).isCloseTo(0.49, within(1e-12));
        // accuracy-top2 starts at the second finished trial
        assertThat(LearningCurves.testMeans(c, 2)).containsExactly(Double.NaN, Double.NaN, 0.39, 0.49);
    }

    @Test
    void tablesTwoAndThreeByHandWithANotReachedCase() {
        // RS top-2 after 4 trials: (0.5 + 0.4) / 2 = 0.45, first reached at trial 4
        Comparison.RunData rs = new Comparison.RunData(run(1, "random", "a"), trials(1, 0.1, 0.4, 0.3, 0.5));
        // AML top-2: 0.2, 0.35, 0.45 at trial 3
        Comparison.RunData aml = new Comparison.RunData(run(2, "aml", "a"), trials(2, 0.2, 0.5, 0.4, 0.1));
        // never reaches 0.45 within T = 4 (it would at trial 5: capped, so "not reached")
        Comparison.RunData slow = new Comparison.RunData(run(3, "taml", "a"), trials(3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6));
        Comparison.Table t = Comparison.build(List.of(rs, aml, slow), new Comparison.Settings(2, 4, 2, false));
        assertThat(t.columns()).containsExactly("RS", "AML", "T-AML");
        Comparison.Row row = t.rows().get(0);
        assertThat(row.rsLevel()).isCloseTo(0.45, within(1e-12));
        assertThat(row.cells()).extracting(c -> Comparison.trialsPerSeed(c)[0])
                .containsExactly(4, 3, TrialsToMatch.NOT_REACHED);
        assertThat(row.cells().get(2).reached()).isFalse();
        assertThat(row.cells().get(2).notReached()).isEqualTo(1);
        assertThat(row.bestTrials()).isEqualTo(1);
        // test top-2 after 2 trials of AML: validation 0.2, 0.5 -> tests 0.19, 0.49: mean 0.34, sem 0.15
        assertThat(row.cells().get(1).test()).isCloseTo(0.34, within(1e-12));
        assertThat(row.cells().get(1).testSem()).isCloseTo(0.15, within(1e-12));
        assertThat(row.cells().get(1).best().validation()).isEqualTo(0.5);
        assertThat(row.cells().get(1).best().seq()).isEqualTo(1);
    }

    @Test
    void seedsOfAStrategyAggregateAndNotReachedSeedsAreCountedNotCapped() {
        // RS: validation 0.01 * t, T = 20: top-2 level (0.20 + 0.19) / 2 = 0.195 for each seed
        List<Comparison.RunData> runs = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            runs.add(new Comparison.RunData(run(s, "random", s, "a"), rising(s, 20, 1.0)));
        }
        // fast: twice as steep, reaches 0.195 at t with (2t - 1) / 100 >= 0.195: t = 11 (0.21 >= 0.195)
        runs.add(new Comparison.RunData(run(10, "aml", 1, "a"), rising(10, 20, 2.0)));
        runs.add(new Comparison.RunData(run(11, "aml", 2, "a"), rising(11, 20, 2.0)));
        // half as steep: level 0.195 needs (2t - 1) / 400 >= 0.195: t = 40 > T: not reached in two seeds of three
        runs.add(new Comparison.RunData(run(20, "taml", 1, "a"), rising(20, 60, 0.5), "T-AML ← b"));
        runs.add(new Comparison.RunData(run(21, "taml", 2, "a"), rising(21, 60, 0.5), "T-AML ← b"));
        runs.add(new Comparison.RunData(run(22, "taml", 3, "a"), rising(22, 60, 2.0), "T-AML ← b"));
        runs.add(new Comparison.RunData(run(30, "taml", 1, "a"), rising(30, 20, 2.0), "T-AML ← c"));
        Comparison.Table t = Comparison.build(runs, new Comparison.Settings(2, 20, 20, false));
        assertThat(t.columns()).containsExactly("RS", "AML", "T-AML ← b", "T-AML ← c");
        Comparison.Row row = t.rows().get(0);
        assertThat(row.rsLevel()).isCloseTo(0.195, within(1e-12));
        Comparison.Cell rs = row.cells().get(0);
        assertThat(Comparison.trialsPerSeed(rs)).containsExactly(20, 20, 20);
        assertThat(rs.medianTrials()).isEqualTo(20);
        Comparison.Cell aml = row.cells().get(1);
        assertThat(Comparison.trialsPerSeed(aml)).containsExactly(11, 11);
        Comparison.Cell b = row.cells().get(2);
        assertThat(Comparison.trialsPerSeed(b)).containsExactly(TrialsToMatch.NOT_REACHED, TrialsToMatch.NOT_REACHED,
                11);
        assertThat(b.notReached()).isEqualTo(2);
        assertThat(b.reached()).isFalse();
        assertThat(b.medianTrials()).isNaN();
        assertThat(row.bestTrials()).isEqualTo(1);
        // test after 20 trials: top-2 tests are v - 0.01: AML (0.40 + 0.38) / 2 - 0.01 = 0.38 in both seeds
        assertThat(aml.test()).isCloseTo(0.38, within(1e-12));
        assertThat(aml.testSem()).isCloseTo(0, within(1e-12));
        // b: seeds (0.10 + 0.095) / 2 - 0.01 = 0.0875 twice and 0.38: mean 0.185, sem = sd / sqrt(3)
        assertThat(b.test()).isCloseTo((0.0875 * 2 + 0.38) / 3, within(1e-12));
        double m = (0.0875 * 2 + 0.38) / 3;
        double sd = Math.sqrt((2 * Math.pow(0.0875 - m, 2) + Math.pow(0.38 - m, 2)) / 2);
        assertThat(b.testSem()).isCloseTo(sd / Math.sqrt(3), within(1e-12));
        assertThat(row.bestTest()).isIn(1, 3);
        // the median curve of b at trial 2 is the median of 0.0075, 0.0075, 0.03; the band is +-2 s.e.m. around it
        assertThat(b.validation().median()[1]).isCloseTo(0.0075, within(1e-12));
        assertThat(b.validation().seeds()[1]).isEqualTo(3);
        assertThat(b.validation().median()[0]).isNaN();
        assertThat(b.validation().upper()[1]).isGreaterThan(0.0075);
        // a curve never decreases once N configurations are in
        double[] med = aml.validation().median();
        for (int i = 2; i < med.length; i++) {
            assertThat(med[i]).isGreaterThanOrEqualTo(med[i - 1]);
        }
    }

    @Test
    void quantilesTreatNeverAsNever() {
        double inf = Double.POSITIVE_INFINITY;
        assertThat(Quantiles.median(new double[]{5, 7, inf})).isEqualTo(7);
        assertThat(Quantiles.median(new double[]{5, inf})).isInfinite();
        assertThat(Quantiles.median(new double[]{5, inf, inf})).isInfinite();
    }
}
