package io.wayfinder.strategy.mnms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.controller.LstmController;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.Strategies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MnmsStrategyTest {
    /** 8^4 = 4 096 configurations; the optimum is {3, 1, 4, 1}; rewards in (0, 1] like accuracies. */
    static final SearchSpace TOY = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "toy", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "b", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "c", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "d", "choices": [0, 1, 2, 3, 4, 5, 6, 7]}]}""", "toy");
    static final int[] TARGET = {3, 1, 4, 1};

    static double reward(int task, Configuration c) {
        double r = 1;
        for (int i = 0; i < 4; i++) {
            int target = task == 1 && i == 0 ? 6 : TARGET[i];
            r -= 0.04 * Math.abs(c.get(i) - target);
        }
        return r;
    }

    static Settings settings(String json) {
        try {
            return Settings.of("mnms.json", "$.strategy.settings", Json.MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Strategy create(Settings s, int tasks, long seed, byte[] pretrained) {
        return Strategies.create(new StrategySpec("mnms", s), TOY, tasks, seed,
                x -> Optional.ofNullable(pretrained));
    }

    /** Share of the last 100 of {@code trials} proposals for a task that hit its optimum exactly. */
    static double hitRate(Strategy s, int task, int trials) {
        int hits = 0;
        for (int i = 0; i < trials; i++) {
            Configuration c = s.propose(task);
            double r = reward(task, c);
            s.observe(new Observation(task, c, r, false));
            if (i >= trials - 100 && r == 1) {
                hits++;
            }
        }
        return hits / 100.0;
    }

    static double meanReward(Strategy s, int trials) {
        double sum = 0;
        for (int i = 0; i < trials; i++) {
            Configuration c = s.propose(0);
            double r = reward(0, c);
            s.observe(new Observation(0, c, r, false));
            sum += r;
        }
        return sum / trials;
    }

    static final String SHARP = "\"tanhConstant\": 0, \"learningRate\": 0.005, \"entropy\": 0.0001";

    @Test
    void findsTheKnownOptimumOfAToySpace() {
        assertThat(hitRate(create(settings("{" + SHARP + "}"), 1, 1, null), 0, 1200)).isGreaterThan(0.5);
    }

    @Test
    void theDefaultsLearnOnTheToySpaceToo() {
        assertThat(hitRate(create(Settings.empty(), 1, 2, null), 0, 1200)).isGreaterThan(0.03);
    }

    @Test
    void multitaskLearnsBothTasks() {
        Strategy s = create(settings("{" + SHARP + "}"), 2, 3, null);
        double[] mean = new double[2];
        for (int i = 0; i < 2400; i++) {
            int task = i % 2;
            Configuration c = s.propose(task);
            double r = reward(task, c);
            s.observe(new Observation(task, c, r, false));
            if (i >= 2200) {
                mean[task] += r / 100;
            }
        }
        // random search averages about 0.6; the tasks differ only in the first slot's best choice (3 vs 6)
        assertThat(mean[0]).isGreaterThan(0.85);
        assertThat(mean[1]).isGreaterThan(0.85);
    }

    @Test
    void theCriticLearnsToPredictRewardsFromTheBank() {
        MnmsStrategy s = (MnmsStrategy) create(Settings.empty(), 1, 4, null);
        hitRate(s, 0, 300);
        assertThat(s.bankSize()).isEqualTo(300);
        // standardised units: a critic that predicts nothing has loss about 0.5
        assertThat(s.lastCriticLoss()).isLessThan(0.3);
        int[] best = TARGET.clone();
        int[] worst = {7, 7, 0, 7};
        assertThat(s.critic().predictTarget(0, best)).isGreaterThan(s.critic().predictTarget(0, worst) + 1);
    }

    @Test
    void transferCopiesTheActorRestartsTheBankAndStartsAhead() {
        MnmsStrategy pre = (MnmsStrategy) create(settings("{" + SHARP + "}"), 1, 3, null);
        hitRate(pre, 0, 1200);
        MnmsStrategy t = (MnmsStrategy) create(settings("{\"mode\": \"transfer\", \"pretrained\": {\"run\": 1}, "
                + SHARP + "}"), 1, 4, pre.state());
        LstmController source = pre.learners().learner(0).controller();
        LstmController target = t.learners().learner(0).controller();
        assertThat(Arrays.copyOfRange(target.parameters(), target.sharedOffset(), target.parameters().length))
                .containsExactly(Arrays.copyOfRange(source.parameters(), source.sharedOffset(),
                        source.parameters().length));
        assertThat(t.bankSize()).isZero();
        assertThat(meanReward(t, 100)).isGreaterThan(meanReward(create(settings("{" + SHARP + "}"), 1, 4, null), 100));
    }

    @Test
    void resumingFromSavedStateRepeatsNothing() {
        Strategy a = create(Settings.empty(), 2, 5, null);
        for (int i = 0; i < 23; i++) {
            Configuration c = a.propose(i % 2);
            a.observe(new Observation(i % 2, c, reward(i % 2, c), false));
        }
        byte[] saved = a.state();
        List<Configuration> rest = new ArrayList<>();
        for (int i = 23; i < 60; i++) {
            Configuration c = a.propose(i % 2);
            rest.add(c);
            a.observe(new Observation(i % 2, c, reward(i % 2, c), false));
        }
        Strategy b = create(Settings.empty(), 2, 5, null);
        b.restore(saved);
        for (int i = 23; i < 60; i++) {
            Configuration c = b.propose(i % 2);
            assertThat(c).isEqualTo(rest.get(i - 23));
            b.observe(new Observation(i % 2, c, reward(i % 2, c), false));
        }
        assertThat(b.state()).isEqualTo(a.state());
    }

    @Test
    void badSettingsAreOneLineErrorsNamingTheKey() {
        assertThatThrownBy(() -> create(settings("{\"cubeRewards\": false}"), 1, 1, null))
                .isInstanceOf(InputException.class).hasMessageContaining("mnms.json").hasMessageContaining("cubeReward");
        assertThatThrownBy(() -> create(settings("{\"polyak\": 2}"), 1, 1, null))
                .isInstanceOf(InputException.class).hasMessageContaining("$.strategy.settings.polyak");
        assertThatThrownBy(() -> create(settings("{\"mode\": \"transfer\"}"), 1, 1, null))
                .isInstanceOf(InputException.class).hasMessageContaining("pretrained");
    }
}
