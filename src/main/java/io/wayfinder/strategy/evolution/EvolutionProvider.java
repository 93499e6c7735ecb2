package io.wayfinder.strategy.evolution;

import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.List;
import java.util.Set;

/** Registers regularised evolution ({@code evolution}). */
public final class EvolutionProvider implements StrategyProvider<EvolutionProvider.EvolutionSettings> {
    static final List<SettingDoc> SETTINGS = List.of(
            new SettingDoc("population", "2 to 100000", "50", "members kept per task; the oldest dies"),
            new SettingDoc("sample", "1 to population", "10", "tournament size when choosing a parent"),
            new SettingDoc("hurdles", "budget shares ascending within (0, 1), e.g. [0.25]", "[] (none)",
                    "progressive dynamic hurdles: train each child on these shares of its budget first; only those "
                            + "at or above the running hurdle (the mean at that stage) train on; trained tasks only"),
            new SettingDoc("hurdleWarmup", "1 to 1000000", "10", "children seen at a stage before its hurdle applies"));

    /**
     * @param population members kept per task
     * @param sample     tournament size
     * @param hurdles    progressive dynamic hurdles (applied by the search's evaluators, not by the strategy)
     */
    public record EvolutionSettings(int population, int sample, HurdleSettings hurdles) {
    }

    @Override
    public String id() {
        return "evolution";
    }

    @Override
    public String label() {
        return "EVO";
    }

    @Override
    public String summary() {
        return "regularised (aging) evolution: tournament selection, one-decision mutations (Real et al. 2019)";
    }

    @Override
    public List<SettingDoc> settings() {
        return SETTINGS;
    }

    @Override
    public EvolutionSettings parse(Settings s) {
        int population = s.integer("population", 50, 2, 100_000);
        int sample = s.integer("sample", Math.min(10, population), 1, population);
        s.requireOnly(StrategyProvider.keys(SETTINGS));
        return new EvolutionSettings(population, sample, HurdleSettings.parse(s));
    }

    @Override
    public Strategy create(EvolutionSettings settings, StrategyContext context) {
        return new RegularizedEvolution(context.space(), context.taskCount(), settings.population(),
                settings.sample(), context.seed());
    }

    @Override
    public Set<LiveView> views() {
        return Set.of(LiveView.POPULATION);
    }
}
