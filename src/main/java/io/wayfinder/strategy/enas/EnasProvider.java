package io.wayfinder.strategy.enas;

import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.List;
import java.util.Set;

/** Registers ENAS ({@code enas}) on the NAS-Bench-201 super-network. */
public final class EnasProvider implements StrategyProvider<EnasSettings> {

    @Override
    public String id() {
        return "enas";
    }

    @Override
    public String label() {
        return "ENAS";
    }

    @Override
    public String summary() {
        return "ENAS: the LSTM controller samples paths of the NAS-Bench-201 super-network, shared weights train on "
                + "them, REINFORCE on their validation accuracy (one epoch per trial)";
    }

    @Override
    public List<SettingDoc> settings() {
        return EnasSettings.DOCS;
    }

    @Override
    public EnasSettings parse(Settings settings) {
        return EnasSettings.parse(settings);
    }

    @Override
    public Strategy create(EnasSettings settings, StrategyContext context) {
        String source = context.settings().source();
        if (settings.taskSupernets().isEmpty()) {
            return new EnasStrategy(context.space(), context.taskCount(), settings, context.seed(),
                    settings.supernet().factory(context.space(), source), source);
        }
        if (settings.taskSupernets().size() != context.taskCount()) {
            throw new io.wayfinder.run.InputException(source, "$.strategy.settings.taskData", "one entry per task of "
                    + "the run (" + context.taskCount() + "), found " + settings.taskSupernets().size());
        }
        java.util.List<java.util.function.Supplier<io.wayfinder.task.oneshot.OneShotModel>> factories =
                new java.util.ArrayList<>();
        for (var t : settings.taskSupernets()) {
            factories.add(t.factory(context.space(), source));
        }
        return new EnasStrategy(context.space(), context.taskCount(), settings, context.seed(), factories, source);
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
        return Set.of(LiveView.POLICY, LiveView.SUPERNET, LiveView.TASK_EMBEDDINGS);
    }
}
