package io.wayfinder.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import org.junit.jupiter.api.Test;

class RegularizedEvolutionTest {
    static final SearchSpace SPACE = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "toy", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "b", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "c", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "d", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "fixed", "choices": ["only"]}]}""", "toy");
    static final int[] TARGET = {3, 1, 4, 1, 0};

    static double reward(Configuration c) {
        double r = 0;
        for (int i = 0; i < 4; i++) {
            r -= Math.abs(c.get(i) - TARGET[i]);
        }
        return r;
    }

    static double bestAfter(Strategy s, int trials) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < trials; i++) {
            Configuration c = s.propose(0);
            double r = reward(c);
            best = Math.max(best, r);
            s.observe(new Observation(0, c, r, false));
        }
        return best;
    }

    @Test
    void aMutationChangesExactlyOneSlotThatHasAChoice() {
        RegularizedEvolution evo = new RegularizedEvolution(SPACE, 1, 10, 3, 1);
        Configuration parent = new Configuration(new int[] {1, 2, 3, 4, 0});
        for (int i = 0; i < 200; i++) {
            Configuration child = evo.mutate(parent);
            int changed = 0;
            for (int s = 0; s < 5; s++) {
                if (child.get(s) != parent.get(s)) {
                    changed++;
                }
            }
            assertThat(changed).isEqualTo(1);
            assertThat(child.get(4)).isZero();
        }
    }

    @Test
    void findsTheKnownOptimumOfAToyLandscapeWhereRandomSearchDoesNot() {
        int wins = 0;
        for (long seed = 0; seed < 10; seed++) {
            double evo = bestAfter(new RegularizedEvolution(SPACE, 1, 20, 5, seed), 300);
            double rs = bestAfter(new RandomSearch(SPACE, seed), 300);
            assertThat(evo).isGreaterThanOrEqualTo(-1.0);
            if (evo > rs) {
                wins++;
            }
        }
        assertThat(wins).isGreaterThanOrEqualTo(7);
    }

    @Test
    void restoredStateContinuesIdentically() {
        RegularizedEvolution a = new RegularizedEvolution(SPACE, 2, 10, 3, 5);
        bestAfter(a, 37);
        RegularizedEvolution b = new RegularizedEvolution(SPACE, 2, 10, 3, 99);
        b.restore(a.state());
        for (int i = 0; i < 50; i++) {
            Configuration ca = a.propose(i % 2);
            assertThat(b.propose(i % 2)).isEqualTo(ca);
            a.observe(new Observation(i % 2, ca, reward(ca), false));
            b.observe(new Observation(i % 2, ca, reward(ca), false));
        }
    }

    @Test
    void impossibleSettingsAreRejected() {
        assertThatThrownBy(() -> new RegularizedEvolution(SPACE, 1, 5, 6, 1))
                .hasMessageContaining("1 <= sample <= population");
    }
}
