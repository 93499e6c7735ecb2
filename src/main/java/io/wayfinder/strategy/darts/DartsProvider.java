package io.wayfinder.strategy.darts;

import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.List;
import java.util.Set;

/** Registers DARTS ({@code darts}) on the NAS-Bench-201 super-network. */
public final class DartsProvider implements StrategyProvider<DartsSettings> {

    @Override
    public String id() {
        return "darts";
    }

    @Override
    public String label() {
        return "DARTS";
    }

    @Override
    public String summary() {
        return "DARTS: one-shot gradient search on the NAS-Bench-201 super-network (one search epoch per trial, the "
                + "derived cell is the trial)";
    }

    @Override
    public List<SettingDoc> settings() {
        return DartsSettings.DOCS;
    }

    @Override
    public DartsSettings parse(Settings settings) {
        return DartsSettings.parse(settings);
    }

    @Override
    public Strategy create(DartsSettings settings, StrategyContext context) {
        String source = context.settings().source();
        return new DartsStrategy(context.space(), context.taskCount(), settings, context.seed(),
                settings.supernet().factory(context.space(), source), source);
    }

    @Override
    public boolean anySpace() {
        return false;
    }

    @Override
    public boolean trainsNetworks() {
        return true;
    }

    @Override
    public Set<LiveView> views() {
        return Set.of(LiveView.POLICY, LiveView.SUPERNET);
    }
}
