package io.wayfinder.strategy.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.controller.ControllerSettings;
import io.wayfinder.controller.LstmController;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.run.Rng;
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

class PpoStrategyTest {
    /** 8^4 = 4 096 configurations; the optimum is {3, 1, 4, 1}. */
    static final SearchSpace TOY = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "toy", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "b", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "c", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "d", "choices": [0, 1, 2, 3, 4, 5, 6, 7]}]}""", "toy");
    static final int[] TARGET = {3, 1, 4, 1};

    static double reward(Configuration c) {
        double r = 0;
        for (int i = 0; i < 4; i++) {
            r -= Math.abs(c.get(i) - TARGET[i]);
        }
        return r;
    }

    static Settings settings(String json) {
        try {
            return Settings.of("ppo.json", "$.strategy.settings", Json.MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Strategy create(Settings s, int tasks, long seed, byte[] pretrained) {
        return Strategies.create(new StrategySpec("ppo", s), TOY, tasks, seed,
                x -> Optional.ofNullable(pretrained));
    }

    /** Share of the last 100 of {@code trials} proposals that hit the optimum exactly. */
    static double hitRate(Strategy s, int task, int trials) {
        int hits = 0;
        for (int i = 0; i < trials; i++) {
            Configuration c = s.propose(task);
            double r = reward(c);
            s.observe(new Observation(task, c, r, false));
            if (i >= trials - 100 && r == 0) {
                hits++;
            }
        }
        return hits / 100.0;
    }

    @Test
    void clippedSurrogateGradientMatchesFiniteDifferences() {
        LstmController c = new LstmController(TOY, 2, new ControllerSettings(6, 4, 0.5, 1.3, 2.5), new Rng(7));
        Rng rng = new Rng(11);
        List<ClippedSurrogate.Sample> samples = new ArrayList<>();
        double[] advantages = {1.2, -0.7, 0.4, -1.5, 2.0, -0.2};
        // old log-probs offset so that some ratios fall inside the trust region and some outside, on both sides
        double[] offsets = {0.0, 0.05, 0.5, -0.5, -0.4, 0.4};
        for (int i = 0; i < advantages.length; i++) {
            int task = i % 2;
            int[] a = c.sample(task, rng);
            samples.add(new ClippedSurrogate.Sample(task, a, advantages[i], c.logProbability(task, a) + offsets[i]));
        }
        double clip = 0.2;
        double entropy = 0.05;
        c.zeroGradients();
        double clippedShare = ClippedSurrogate.accumulate(c, samples, clip, entropy);
        assertThat(clippedShare).isGreaterThan(0).isLessThan(1);
        double[] p = c.parameters();
        double[] g = c.gradients().clone();
        double eps = 1e-6;
        double worst = 0;
        int nonZero = 0;
        for (int i = 0; i < p.length; i++) {
            double saved = p[i];
            p[i] = saved + eps;
            c.weightsChanged();
            double plus = ClippedSurrogate.loss(c, samples, clip, entropy);
            p[i] = saved - eps;
            c.weightsChanged();
            double minus = ClippedSurrogate.loss(c, samples, clip, entropy);
            p[i] = saved;
            c.weightsChanged();
            double numeric = (plus - minus) / (2 * eps);
            worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(g[i])));
            if (Math.abs(g[i]) > 1e-8) {
                nonZero++;
            }
        }
        assertThat(worst).isLessThan(1e-4);
        assertThat(nonZero).isGreaterThan(p.length / 2);
    }

    @Test
    void findsTheKnownOptimumOfAToySpace() {
        Strategy s = create(settings("{\"tanhConstant\": 0, \"learningRate\": 0.005, \"entropy\": 0.0001}"), 1, 1,
                null);
        // random search hits the optimum with probability 1/4096 per trial
        assertThat(hitRate(s, 0, 1500)).isGreaterThan(0.5);
    }

    @Test
    void theDefaultsLearnOnTheToySpaceToo() {
        Strategy s = create(Settings.empty(), 1, 2, null);
        assertThat(hitRate(s, 0, 1500)).isGreaterThan(0.03);
    }

    @Test
    void multitaskLearnsBothTasks() {
        Strategy s = create(settings("{\"mode\": \"multitask\", \"tanhConstant\": 0, \"learningRate\": 0.005}"), 2, 3,
                null);
        double[] mean = new double[2];
        for (int i = 0; i < 2400; i++) {
            int task = i % 2;
            Configuration c = s.propose(task);
            // task 1's optimum differs from task 0's in the first slot (6 instead of 3)
            int[] idx = c.indices();
            if (task == 1) {
                idx[0] = idx[0] == 6 ? 3 : idx[0] == 3 ? 6 : idx[0];
            }
            double r = reward(new Configuration(idx));
            s.observe(new Observation(task, c, r, false));
            if (i >= 2200) {
                mean[task] += r / 100;
            }
        }
        // random search averages about -10
        assertThat(mean[0]).isGreaterThan(-3);
        assertThat(mean[1]).isGreaterThan(-3);
        assertThat(s.taskEmbeddings()).get().satisfies(e -> assertThat(e).hasNumberOfRows(2));
    }

    @Test
    void transferKeepsSharedWeightsAndStartsAhead() {
        PpoStrategy pre = (PpoStrategy) create(settings("{\"mode\": \"multitask\", \"tanhConstant\": 0, "
                + "\"learningRate\": 0.005}"), 1, 3, null);
        hitRate(pre, 0, 1500);
        PpoStrategy t = (PpoStrategy) create(settings("{\"mode\": \"transfer\", \"pretrained\": {\"run\": 1}, "
                + "\"tanhConstant\": 0, \"learningRate\": 0.005}"), 1, 4, pre.state());
        LstmController source = pre.learners().learner(0).controller();
        LstmController target = t.learners().learner(0).controller();
        assertThat(Arrays.copyOfRange(target.parameters(), target.sharedOffset(), target.parameters().length))
                .containsExactly(Arrays.copyOfRange(source.parameters(), source.sharedOffset(),
                        source.parameters().length));
        assertThat(target.taskEmbedding(0)).isNotEqualTo(source.taskEmbedding(0));
        double transferred = hitRate(t, 0, 150);
        double fresh = hitRate(create(settings("{\"tanhConstant\": 0, \"learningRate\": 0.005}"), 1, 4, null), 0, 150);
        assertThat(transferred).isGreaterThan(fresh + 0.3);
    }

    @Test
    void resumingFromSavedStateRepeatsNothing() {
        Strategy a = create(Settings.empty(), 2, 5, null);
        for (int i = 0; i < 23; i++) {
            Configuration c = a.propose(i % 2);
            a.observe(new Observation(i % 2, c, reward(c), false));
        }
        byte[] saved = a.state();
        List<Configuration> rest = new ArrayList<>();
        for (int i = 23; i < 60; i++) {
            Configuration c = a.propose(i % 2);
            rest.add(c);
            a.observe(new Observation(i % 2, c, reward(c), false));
        }
        Strategy b = create(Settings.empty(), 2, 5, null);
        b.restore(saved);
        for (int i = 23; i < 60; i++) {
            Configuration c = b.propose(i % 2);
            assertThat(c).isEqualTo(rest.get(i - 23));
            b.observe(new Observation(i % 2, c, reward(c), false));
        }
        assertThat(b.state()).isEqualTo(a.state());
    }

    @Test
    void badSettingsAreOneLineErrorsNamingTheKey() {
        assertThatThrownBy(() -> create(settings("{\"epoch\": 3}"), 1, 1, null))
                .isInstanceOf(InputException.class).hasMessageContaining("ppo.json").hasMessageContaining("epochs");
        assertThatThrownBy(() -> create(settings("{\"clip\": 1.5}"), 1, 1, null))
                .isInstanceOf(InputException.class).hasMessageContaining("$.strategy.settings.clip");
        assertThatThrownBy(() -> create(settings("{\"mode\": \"transfer\"}"), 1, 1, null))
                .isInstanceOf(InputException.class).hasMessageContaining("pretrained");
        assertThatThrownBy(() -> create(settings("{\"mode\": \"both\"}"), 1, 1, null))
                .isInstanceOf(InputException.class).hasMessageContaining("single, multitask, transfer");
    }
}
