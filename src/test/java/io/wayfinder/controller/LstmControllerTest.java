package io.wayfinder.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.run.Rng;
import io.wayfinder.space.SearchSpace;
import org.junit.jupiter.api.Test;

class LstmControllerTest {

    @Test
    void gradientMatchesFiniteDifferencesIncludingSkipAttentionTanhAndEntropy() {
        SearchSpace space = Spaces.mixed();
        ControllerSettings settings = new ControllerSettings(6, 4, 0.5, 1.3, 2.5);
        LstmController c = new LstmController(space, 2, settings, new Rng(7));
        int[] actions = c.sample(1, new Rng(3));
        double advantage = 0.7;
        double entropy = 0.3;
        c.zeroGradients();
        c.accumulateGradient(1, actions, advantage, entropy);
        double[] p = c.parameters();
        double[] g = c.gradients().clone();
        double eps = 1e-6;
        double worst = 0;
        int nonZero = 0;
        for (int i = 0; i < p.length; i++) {
            double saved = p[i];
            p[i] = saved + eps;
            double plus = c.loss(1, actions, advantage, entropy);
            p[i] = saved - eps;
            double minus = c.loss(1, actions, advantage, entropy);
            p[i] = saved;
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
    void taskZeroEmbeddingGetsNoGradientFromTaskOne() {
        LstmController c = new LstmController(Spaces.mixed(), 2, new ControllerSettings(6, 4, 0.5, 1, 0), new Rng(1));
        c.zeroGradients();
        c.accumulateGradient(1, c.sample(1, new Rng(2)), 1.0, 0);
        for (int k = 0; k < 4; k++) {
            assertThat(c.gradients()[k]).isZero();
            assertThat(c.gradients()[4 + k]).isNotZero();
        }
    }

    @Test
    void initialPolicyIsNearlyUniform() {
        LstmController c = new LstmController(Spaces.mixed(), 1, ControllerSettings.PAPER, new Rng(5));
        float[][] policy = c.greedyPolicy(0);
        assertThat(policy).hasNumberOfRows(Spaces.mixed().flat().size());
        for (float[] slot : policy) {
            float sum = 0;
            for (float v : slot) {
                sum += v;
                assertThat((double) v).isCloseTo(1.0 / slot.length, within(0.08));
            }
            assertThat((double) sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void logProbabilityOfSampledConfigurationsSumsToOneOverTheWholeSpace() {
        SearchSpace space = Spaces.plain();
        LstmController c = new LstmController(space, 1, new ControllerSettings(5, 3, 1.0, 1, 0), new Rng(9));
        double total = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                for (int d = 0; d < 4; d++) {
                    total += Math.exp(c.logProbability(0, new int[]{a, b, d}));
                }
            }
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void sameSeedSameSamples() {
        LstmController a = new LstmController(Spaces.mixed(), 1, ControllerSettings.PAPER, new Rng(5));
        LstmController b = new LstmController(Spaces.mixed(), 1, ControllerSettings.PAPER, new Rng(5));
        assertThat(a.sample(0, new Rng(11))).containsExactly(b.sample(0, new Rng(11)));
    }
}
