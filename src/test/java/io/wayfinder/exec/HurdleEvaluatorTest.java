package io.wayfinder.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.strategy.evolution.HurdleSettings;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HurdleEvaluatorTest {
    static final SearchSpace SPACE = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "h", "decisions": [{"name": "q", "choices": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}]}
            """, "h.json");

    /**
     * A trainer whose child of quality q (0..9) reaches accuracy 0.5 + 0.04 q after a full budget and a share of that
     * gain after a partial one (learning curves that do not cross); it counts the budget it was asked to spend.
     */
    static final class CurveTrainer implements TrialEvaluator {
        double spent;
        int calls;

        @Override
        public synchronized Evaluation evaluate(TrialContext c) {
            spent += c.budget();
            calls++;
            double q = c.configuration().get(0);
            double acc = 0.5 + 0.04 * q * Math.sqrt(c.budget());
            return new Evaluation(acc, acc, acc, Json.MAPPER.createObjectNode().put("budget", c.budget()));
        }

        @Override
        public String datasetId() {
            return "curve";
        }

        @Override
        public String datasetHash() {
            return "0";
        }
    }

    static TrialContext trial(int q, int seq) {
        return new TrialContext(SPACE, new Configuration(new int[]{q}), null, seq, seq, () -> false);
    }

    @Test
    void childrenBelowTheRunningHurdleStopEarlyAndTheGoodOnesGetTheFullBudget() throws Exception {
        CurveTrainer trainer = new CurveTrainer();
        HurdleEvaluator h = new HurdleEvaluator(trainer, new HurdleSettings(List.of(0.25), 5));
        List<Evaluation> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(h.evaluate(trial((i * 7) % 10, i)));
        }
        // the first five pass unconditionally (warm-up); afterwards only children at or above the stage-1 mean
        long passed = results.stream().filter(e -> e.details().get("hurdle").get("passed").asBoolean()).count();
        assertThat(passed).isBetween(45L, 60L);
        for (Evaluation e : results.subList(5, 100)) {
            var info = e.details().get("hurdle");
            boolean good = e.details().get("budget").asDouble() == 1.0;
            assertThat(info.get("passed").asBoolean()).isEqualTo(good);
            assertThat(info.get("budgetUsed").asDouble()).isEqualTo(good ? 1.25 : 0.25);
        }
        // the best child (q = 9) is always trained fully: its reward is the full-budget one
        assertThat(results.stream().mapToDouble(Evaluation::reward).max().orElseThrow()).isEqualTo(0.5 + 0.04 * 9);
        // compute: 100 short runs + the survivors' full runs, against 100 full runs without hurdles
        assertThat(trainer.spent).isEqualTo(100 * 0.25 + passed * 1.0);
        assertThat(trainer.spent).isLessThan(0.85 * 100);
    }

    @Test
    void aResumedRunRebuildsTheSameHurdlesFromItsRecords() throws Exception {
        HurdleSettings settings = new HurdleSettings(List.of(0.1, 0.4), 3);
        HurdleEvaluator a = new HurdleEvaluator(new CurveTrainer(), settings);
        List<TrialRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Evaluation e = a.evaluate(trial((i * 3) % 10, i));
            records.add(new TrialRecord(i, 1, i, 1, 0, new int[]{(i * 3) % 10}, null, TrialStatus.COMPLETE, null,
                    e.reward(), e.validationMetric(), e.testMetric(), 0, 1, i, i, i, null, Json.compact(e.details())));
        }
        HurdleEvaluator b = new HurdleEvaluator(new CurveTrainer(), settings);
        b.rebuild(records, 0);
        assertThat(b.hurdle(0)).isEqualTo(a.hurdle(0));
        assertThat(b.hurdle(1)).isEqualTo(a.hurdle(1));
        assertThat(b.evaluate(trial(6, 20)).details().toString()).isEqualTo(a.evaluate(trial(6, 20)).details()
                .toString());
    }

    @Test
    void hurdlesAreSettingsOfEvolutionWithClearErrors() {
        Settings ok = Settings.of("evo.json", "$.strategy.settings", Json.MAPPER.createObjectNode()
                .put("population", 20).set("hurdles", Json.MAPPER.createArrayNode().add(0.2).add(0.5)));
        assertThat(HurdleSettings.parse(ok).shares()).containsExactly(0.2, 0.5);
        assertThat(Strategies.create(new StrategySpec("evolution", ok), SPACE, 1, 1, s -> Optional.empty()).id())
                .isEqualTo("evolution");
        Settings descending = Settings.of("evo.json", "$.strategy.settings", Json.MAPPER.createObjectNode()
                .set("hurdles", Json.MAPPER.createArrayNode().add(0.5).add(0.2)));
        assertThatThrownBy(() -> Strategies.create(new StrategySpec("evolution", descending), SPACE, 1, 1,
                s -> Optional.empty())).isInstanceOf(InputException.class)
                .hasMessageContaining("evo.json").hasMessageContaining("$.strategy.settings.hurdles");
        Settings misspelt = Settings.of("evo.json", "$.strategy.settings", Json.MAPPER.createObjectNode()
                .put("hurdle", 0.25));
        assertThatThrownBy(() -> Strategies.create(new StrategySpec("evolution", misspelt), SPACE, 1, 1,
                s -> Optional.empty())).isInstanceOf(InputException.class).hasMessageContaining("hurdles");
    }
}
