package io.wayfinder.strategy.mnms;

import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.PolicyLearners;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.List;
import java.util.Set;

/** Registers {@code mnms}. */
public final class MnmsProvider implements StrategyProvider<MnmsSettings> {
    @Override
    public String id() {
        return MnmsStrategy.ID;
    }

    @Override
    public String label() {
        return "MNMS";
    }

    @Override
    public String summary() {
        return "Multitask Neural Model Search: off-policy actor-critic (replay bank, learned critic baseline, "
                + "importance weights, Polyak target, cubed reward); mode multitask, single or transfer";
    }

    @Override
    public List<SettingDoc> settings() {
        return MnmsSettings.DOCS;
    }

    @Override
    public MnmsSettings parse(Settings settings) {
        return MnmsSettings.parse(settings);
    }

    @Override
    public Strategy create(MnmsSettings settings, StrategyContext c) {
        return new MnmsStrategy(c.space(), c.taskCount(), settings, c.seed(), PolicyLearners.pretrained(id(),
                settings.mode(), c.settings(), c.space(), c.pretrained()));
    }

    @Override
    public Set<LiveView> views() {
        return Set.of(LiveView.POLICY, LiveView.TASK_EMBEDDINGS);
    }
}
