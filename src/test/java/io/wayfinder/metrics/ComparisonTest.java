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

    static RunRecord run(long id, String strategy, String... tasks) {
        return new RunRecord(id, "r" + id, strategy, 1, RunStatus.FINISHED, null, 0, 0, 10, "h", "{}", "{}",
                List.of(tasks), "/d");
    }

    /** Trials of task 0 with these validation (and test = validation - 0.01) figures, observed in order. */
    static List<TrialRecord> trials(long run, double... validation) {
        List<TrialRecord> out = new ArrayList<>();
        for (int i = 0; i < validation.length; i++) {
            boolean failed = Double.isNaN(validation[i]);
            out.add(new TrialRecord(i + 1, run, i, 1, 0, new int[]{i}, "{}",
                    failed ? TrialStatus.FAILED : TrialStatus.COMPLETE, failed ? "NaN" : null, failed ? 0 : validation[i],
                    validation[i], validation[i] - 0.01, 0, 0, i, i, i, "{}", null));
        }
        return out;
    }

    @Test
    void learningCurvesFollowObservationOrderAndSkipFailedTrials() {
        List<TrialRecord> t = new ArrayList<>(trials(1, 0.2, Double.NaN, 0.6, 0.4));
        java.util.Collections.reverse(t);
        AccuracyTopN.Result[] c = LearningCurves.accuracyTopN(t, 0, 2, false);
        assertThat(c).hasSize(4);
        assertThat(c[0].validationMean()).isCloseTo(0.2, within(1e-12));
        assertThat(c[1].count()).isEqualTo(1);
        assertThat(c[2].validationMean()).isCloseTo(0.4, within(1e-12));
        assertThat(c[3].validationMean()).isCloseTo(0.5, within(1e-12));
        assertThat(c[3].testMean()).isCloseTo(0.49, within(1e-12));
    }

    @Test
    void tablesTwoAndThreeByHand() {
        // RS top-2 after 4 trials: (0.5 + 0.4) / 2 = 0.45, first reached at trial 4
        Comparison.RunData rs = new Comparison.RunData(run(1, "random", "a"), trials(1, 0.1, 0.4, 0.3, 0.5));
        // AML top-2: 0.2, 0.35, 0.45 at trial 3
        Comparison.RunData aml = new Comparison.RunData(run(2, "aml", "a"), trials(2, 0.2, 0.5, 0.4, 0.1));
        // never reaches 0.45
        Comparison.RunData slow = new Comparison.RunData(run(3, "taml", "a"), trials(3, 0.1, 0.2, 0.3, 0.4));
        Comparison.Table t = Comparison.build(List.of(rs, aml, slow), 2, null, 2, false,
                io.wayfinder.strategy.Strategies::label);
        assertThat(t.columns()).containsExactly("#1 RS", "#2 AML", "#3 T-AML");
        Comparison.Row row = t.rows().get(0);
        assertThat(row.rsLevel()).isCloseTo(0.45, within(1e-12));
        assertThat(row.cells()).extracting(Comparison.Cell::trialsToMatch).containsExactly(4, 3, TrialsToMatch.NOT_REACHED);
        // test top-2 after 2 trials of AML: validation 0.2, 0.5 -> tests 0.19, 0.49: mean 0.34, sem 0.15
        assertThat(row.cells().get(1).test()).isCloseTo(0.34, within(1e-12));
        assertThat(row.cells().get(1).testSem()).isCloseTo(0.15, within(1e-12));
        String md = Comparison.render(t, "markdown");
        assertThat(md).contains("| a    | 4 |     4 |      3 |      n/a |")
                .contains("34.00 ± 30.00");
        assertThat(Comparison.render(t, "csv")).contains("trials-to-match,a,4,4,3,n/a");
    }
}
