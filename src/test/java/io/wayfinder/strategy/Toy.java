package io.wayfinder.strategy;

import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;

/** A toy landscape with a known optimum, shared by the strategy sanity tests. */
public final class Toy {
    public static final SearchSpace SPACE = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "toy", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "b", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "c", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "d", "choices": [0, 1, 2, 3, 4, 5, 6, 7]},
              {"name": "fixed", "choices": ["only"]}]}""", "toy");
    public static final int[] TARGET = {3, 1, 4, 1, 0};

    private Toy() {
    }

    /** Minus the L1 distance to {@link #TARGET}: 0 at the optimum. */
    public static double reward(Configuration c) {
        double r = 0;
        for (int i = 0; i < 4; i++) {
            r -= Math.abs(c.get(i) - TARGET[i]);
        }
        return r;
    }

    /** The best reward after a number of trials on task 0. */
    public static double bestAfter(Strategy s, int trials) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < trials; i++) {
            Configuration c = s.propose(0);
            double r = reward(c);
            best = Math.max(best, r);
            s.observe(new Observation(0, c, r, false));
        }
        return best;
    }
}
