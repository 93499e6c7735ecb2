package io.wayfinder.strategy.random;

import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.List;
import java.util.Set;

/** Registers random search ({@code random}); it has no settings. */
public final class RandomSearchProvider implements StrategyProvider<RandomSearchProvider.NoSettings> {

    /** Random search has no settings. */
    public record NoSettings() {
    }

    @Override
    public String id() {
        return "random";
    }

    @Override
    public String label() {
        return "RS";
    }

    @Override
    public String summary() {
        return "random search: every decision uniform and independent, one stream per task";
    }

    @Override
    public List<SettingDoc> settings() {
        return List.of();
    }

    @Override
    public NoSettings parse(Settings settings) {
        settings.requireOnly(List.of());
        return new NoSettings();
    }

    @Override
    public Strategy create(NoSettings settings, StrategyContext context) {
        return new RandomSearch(context.space(), context.taskCount(), context.seed());
    }

    @Override
    public Set<LiveView> views() {
        return Set.of(LiveView.POLICY);
    }
}
