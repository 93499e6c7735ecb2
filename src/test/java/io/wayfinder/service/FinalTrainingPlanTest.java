package io.wayfinder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinalTrainingPlanTest {
    private static TrialRecord trial(int seq, int task, String values, TrialStatus status, double reward) {
        return new TrialRecord(seq, 1, seq, 1, task, new int[0], values, status, null, reward, reward, reward, 0, 0,
                seq, seq, 0, "{}", "{}");
    }

    @Test
    void bestTakesCompleteTrialsOfTheTaskByRewardOncePerConfiguration() {
        List<TrialRecord> trials = List.of(
                trial(0, 0, "{\"a\":1}", TrialStatus.COMPLETE, 0.80),
                trial(1, 0, "{\"a\":2}", TrialStatus.FAILED, 0.99),
                trial(2, 0, "{\"a\":1}", TrialStatus.COMPLETE, 0.85),
                trial(3, 1, "{\"a\":3}", TrialStatus.COMPLETE, 0.95),
                trial(4, 0, "{\"a\":4}", TrialStatus.COMPLETE, 0.85),
                trial(5, 0, "{\"a\":5}", TrialStatus.COMPLETE, Double.NaN),
                trial(6, 0, "{\"a\":6}", TrialStatus.COMPLETE, 0.70));
        assertThat(FinalTrainingPlan.best(trials, 0, 3)).extracting(TrialRecord::seq).containsExactly(2, 4, 6);
        assertThat(FinalTrainingPlan.best(trials, 0, 1)).extracting(TrialRecord::seq).containsExactly(2);
        assertThat(FinalTrainingPlan.best(trials, 1, 5)).extracting(TrialRecord::seq).containsExactly(3);
        assertThat(FinalTrainingPlan.best(trials, 2, 5)).isEmpty();
    }
}
