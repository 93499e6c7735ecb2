package io.wayfinder.strategy.random;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.space.Configuration;
import io.wayfinder.strategy.Toy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomSearchTest {

    private static List<Configuration> draws(RandomSearch s, int task, int n) {
        List<Configuration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.propose(task));
        }
        return out;
    }

    @Test
    void eachTaskOfAMultitaskRunDrawsItsOwnStream() {
        // proposing task by task (as a loop over tasks would) must not give every task the same configurations
        RandomSearch s = new RandomSearch(Toy.SPACE, 3, 7);
        List<Configuration> a = draws(s, 0, 50);
        List<Configuration> b = draws(s, 1, 50);
        List<Configuration> c = draws(s, 2, 50);
        assertThat(b).isNotEqualTo(a);
        assertThat(c).isNotEqualTo(a).isNotEqualTo(b);
        // and a task's stream does not depend on how the others are interleaved with it
        RandomSearch t = new RandomSearch(Toy.SPACE, 3, 7);
        draws(t, 2, 13);
        assertThat(draws(t, 1, 50)).isEqualTo(b);
    }

    @Test
    void aSingleTaskRunDrawsWhatItAlwaysDrew() {
        assertThat(draws(new RandomSearch(Toy.SPACE, 1, 5), 0, 20))
                .isEqualTo(draws(new RandomSearch(Toy.SPACE, 5), 0, 20));
    }
}
