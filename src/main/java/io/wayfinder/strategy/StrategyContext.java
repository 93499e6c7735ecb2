package io.wayfinder.strategy;

import io.wayfinder.project.Settings;
import io.wayfinder.space.SearchSpace;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a provider may use to build a strategy for a run.
 *
 * @param space      the search space
 * @param taskCount  the number of tasks of the run
 * @param seed       the run's seed
 * @param settings   the raw settings block (for errors that name the file and path)
 * @param pretrained loads pre-trained state that the settings name (an earlier run's state, a checkpoint file)
 */
public record StrategyContext(SearchSpace space, int taskCount, long seed, Settings settings,
                              Function<Settings, Optional<byte[]>> pretrained) {
    public StrategyContext {
        if (taskCount < 1) {
            throw new IllegalArgumentException("a run has at least one task");
        }
        pretrained = pretrained == null ? s -> Optional.empty() : pretrained;
        settings = settings == null ? Settings.empty() : settings;
    }
}
