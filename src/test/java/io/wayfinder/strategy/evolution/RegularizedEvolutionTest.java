package io.wayfinder.strategy.evolution;

import static io.wayfinder.strategy.Toy.SPACE;
import static io.wayfinder.strategy.Toy.bestAfter;
import static io.wayfinder.strategy.Toy.reward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.space.Configuration;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.random.RandomSearch;
import org.junit.jupiter.api.Test;

class RegularizedEvolutionTest {
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
