package io.wayfinder.strategy.tpe;

import static io.wayfinder.strategy.Toy.SPACE;
import static io.wayfinder.strategy.Toy.TARGET;
import static io.wayfinder.strategy.Toy.bestAfter;
import static io.wayfinder.strategy.Toy.reward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.space.Configuration;
import io.wayfinder.strategy.DecisionDensities;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.strategy.random.RandomSearch;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TreeParzenEstimatorTest {

    static TreeParzenEstimator tpe(boolean multivariate, long seed) {
        TpeSettings d = TpeSettings.DEFAULTS;
        return new TreeParzenEstimator(SPACE, 1, new TpeSettings(multivariate, d.gamma(), d.maxGood(), d.candidates(),
                d.startup(), d.priorWeight(), d.distinct(), d.neighbours()), seed);
    }

    @Test
    void bothVariantsFindTheKnownOptimumOfAToyLandscapeFarSoonerThanRandomSearch() {
        // 4 096 configurations, one optimum; after 150 trials random search is typically 2-3 steps away
        for (boolean multivariate : new boolean[] {true, false}) {
            int tpeOptimal = 0;
            int rsOptimal = 0;
            for (long seed = 0; seed < 10; seed++) {
                tpeOptimal += bestAfter(tpe(multivariate, seed), 150) == 0 ? 1 : 0;
                rsOptimal += bestAfter(new RandomSearch(SPACE, seed), 150) == 0 ? 1 : 0;
            }
            assertThat(tpeOptimal).as("multivariate " + multivariate).isGreaterThanOrEqualTo(7);
            assertThat(rsOptimal).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aTaskNeverGetsAConfigurationItHasAlreadyObserved() {
        TreeParzenEstimator s = tpe(true, 3);
        Set<Configuration> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            Configuration c = s.propose(0);
            assertThat(seen.add(c)).as("trial " + i + " repeats " + c).isTrue();
            s.observe(new Observation(0, c, reward(c), false));
        }
    }

    @Test
    void theGoodDensityConcentratesOnTheOptimumAndTheBadOneDoesNot() {
        TreeParzenEstimator s = tpe(true, 5);
        bestAfter(s, 200);
        DecisionDensities d = s.densities(0).orElseThrow();
        assertThat(d.observations()).isEqualTo(200);
        assertThat(d.goodTrials()).isEqualTo(20);
        for (int slot = 0; slot < 4; slot++) {
            float[] good = d.good()[slot];
            int argmax = 0;
            for (int c = 1; c < good.length; c++) {
                argmax = good[c] > good[argmax] ? c : argmax;
            }
            assertThat(argmax).as("slot " + slot).isEqualTo(TARGET[slot]);
            assertThat(good[TARGET[slot]]).isGreaterThan(d.bad()[slot][TARGET[slot]]);
        }
    }

    @Test
    void observationWeightsAreFlatForRecentTrialsAndRampForOldOnes() {
        assertThat(TreeParzenEstimator.Parzen.observationWeights(10)).containsOnly(1.0);
        double[] w = TreeParzenEstimator.Parzen.observationWeights(45);
        assertThat(w[0]).isEqualTo(1.0 / 45);
        assertThat(w[19]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        for (int i = 20; i < 45; i++) {
            assertThat(w[i]).isEqualTo(1.0);
        }
        for (int i = 1; i < 20; i++) {
            assertThat(w[i]).isGreaterThan(w[i - 1]);
        }
    }

    @Test
    void settingsAreTypedCheckedAndDocumented() {
        var node = Json.MAPPER.createObjectNode().put("multivariate", false).put("gamma", 0.2);
        var v = Strategies.validate(new StrategySpec("tpe", Settings.of("p.json", "$.strategy.settings", node)));
        assertThat(v.settings()).isEqualTo(new TpeSettings(false, 0.2, 25, 24, 10, 1.0, true, TpeSettings.DEFAULTS.neighbours()));
        var bad = Json.MAPPER.createObjectNode().put("gamma", 2);
        assertThatThrownBy(() -> Strategies.validate(new StrategySpec("tpe", Settings.of("p.json",
                "$.strategy.settings", bad)))).isInstanceOf(InputException.class).hasMessageContaining("gamma")
                .hasMessageContaining("0.5");
        var typo = Json.MAPPER.createObjectNode().put("multivariat", true);
        assertThatThrownBy(() -> Strategies.validate(new StrategySpec("tpe", Settings.of("p.json",
                "$.strategy.settings", typo)))).isInstanceOf(InputException.class)
                .hasMessageContaining("'multivariate'");
        assertThat(Strategies.create(new StrategySpec("tpe", Settings.empty()), SPACE, 1, 1, s -> Optional.empty()))
                .isInstanceOfSatisfying(TreeParzenEstimator.class,
                        t -> assertThat(t.settings().multivariate()).isTrue());
    }
}
