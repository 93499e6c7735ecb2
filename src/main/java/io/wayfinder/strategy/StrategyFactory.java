package io.wayfinder.strategy;

import io.wayfinder.run.InputException;
import io.wayfinder.run.StrategySpec;
import io.wayfinder.space.SearchSpace;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds the strategy a project names. */
public final class StrategyFactory {
    /** The strategy ids this build knows. */
    public static final List<String> KNOWN = List.of("random", "evolution");

    private StrategyFactory() {
    }

    /**
     * @param spec       the project's strategy block
     * @param space      the search space
     * @param taskCount  the number of tasks of the run
     * @param seed       the run's seed
     * @param pretrained loads pre-trained state named by settings (e.g. an earlier run's checkpoint), for transfer
     */
    public static Strategy create(StrategySpec spec, SearchSpace space, int taskCount, long seed,
                                  Function<io.wayfinder.run.Settings, Optional<byte[]>> pretrained) {
        switch (spec.name()) {
            case "random":
                return new RandomSearch(space, seed);
            case "evolution":
                return new RegularizedEvolution(space, taskCount, spec.settings().integer("population", 50),
                        spec.settings().integer("sample", 10), seed);
            default:
                throw new InputException(spec.settings().source(), "$.strategy.name", "one of " + KNOWN
                        + ", found \"" + spec.name() + "\"");
        }
    }
}
