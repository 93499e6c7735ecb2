package io.wayfinder.strategy.ppo;

import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.PolicyLearners;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.List;
import java.util.Set;

/** Registers {@code ppo}. */
public final class PpoProvider implements StrategyProvider<PpoSettings> {
    @Override
    public String id() {
        return PpoStrategy.ID;
    }

    @Override
    public String label() {
        return "PPO";
    }

    @Override
    public String summary() {
        return "the LSTM controller trained with PPO's clipped surrogate over a buffer of recent trials; mode single, "
                + "multitask or transfer";
    }

    @Override
    public List<SettingDoc> settings() {
        return PpoSettings.DOCS;
    }

    @Override
    public PpoSettings parse(Settings settings) {
        return PpoSettings.parse(settings);
    }

    @Override
    public Strategy create(PpoSettings settings, StrategyContext c) {
        return new PpoStrategy(c.space(), c.taskCount(), settings, c.seed(), PolicyLearners.pretrained(id(),
                settings.mode(), c.settings(), c.space(), c.pretrained()));
    }

    @Override
    public Set<LiveView> views() {
        return Set.of(LiveView.POLICY, LiveView.TASK_EMBEDDINGS);
    }
}
