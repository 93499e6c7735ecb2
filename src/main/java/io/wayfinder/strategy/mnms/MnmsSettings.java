package io.wayfinder.strategy.mnms;

import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.project.Settings;
import io.wayfinder.strategy.PolicyLearners;
import io.wayfinder.strategy.StrategyProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of {@code mnms}, parsed once with their ranges; unknown keys are rejected.
 *
 * @param mode              {@code multitask} (default, as in the paper: one controller, one embedding per task),
 *                          {@code single} (one controller per task) or {@code transfer} (with {@code pretrained})
 * @param learner           the actor: controller shape, Adam learning rate, entropy bonus
 * @param cubeReward        learn from the reward cubed (the paper's validation accuracy cubed); default true
 * @param bank              the replay bank keeps this many most recent trials
 * @param minibatch         trials per actor and critic update (the newest one and a uniform draw from the bank)
 * @param criticHidden      hidden units of the critic
 * @param criticLearningRate the critic's Adam step size
 * @param polyak            the target critic moves this far towards the trained one per update
 * @param importanceCap     importance weights {@code pi / mu} are truncated at this value
 * @param baselineSamples   configurations drawn from the actor to estimate a task's baseline {@code E_pi[Q]}
 */
public record MnmsSettings(PolicyLearners.Mode mode, LearnerSettings learner, boolean cubeReward, int bank,
                           int minibatch, int criticHidden, double criticLearningRate, double polyak,
                           double importanceCap, int baselineSamples) {
    public static final double DEFAULT_LEARNING_RATE = 0.005;
    public static final double DEFAULT_ENTROPY = 0.001;

    /** The documented settings of {@code mnms}. */
    public static final List<StrategyProvider.SettingDoc> DOCS;

    static {
        List<StrategyProvider.SettingDoc> d = new ArrayList<>(PolicyLearners.docs(PolicyLearners.Mode.MULTITASK,
                DEFAULT_LEARNING_RATE, DEFAULT_ENTROPY));
        d.add(new StrategyProvider.SettingDoc("cubeReward", "true or false", "true",
                "learn from the reward cubed (the paper's validation accuracy cubed; sign kept)"));
        d.add(new StrategyProvider.SettingDoc("bank", "1 to 1000000", "1000",
                "the replay bank keeps this many most recent trials"));
        d.add(new StrategyProvider.SettingDoc("minibatch", "1 to 1024", "8",
                "trials per actor and critic update: the newest and a uniform draw from the bank"));
        d.add(new StrategyProvider.SettingDoc("criticHidden", "1 to 1024", "32", "hidden units of the critic"));
        d.add(new StrategyProvider.SettingDoc("criticLearningRate", "0.0000001 to 1", "0.01",
                "the critic's Adam step size"));
        d.add(new StrategyProvider.SettingDoc("polyak", "0.0001 to 1", "0.1",
                "the target critic moves this far towards the trained one per update"));
        d.add(new StrategyProvider.SettingDoc("importanceCap", "0.01 to 100", "1.0",
                "importance weights pi/mu of replayed trials are truncated at this value"));
        d.add(new StrategyProvider.SettingDoc("baselineSamples", "1 to 1024", "8",
                "configurations drawn from the actor to estimate a task's baseline E[Q]"));
        DOCS = List.copyOf(d);
    }

    public static MnmsSettings parse(Settings s) {
        s.requireOnly(StrategyProvider.keys(DOCS));
        return new MnmsSettings(PolicyLearners.mode(s, PolicyLearners.Mode.MULTITASK),
                PolicyLearners.learnerSettings(s, DEFAULT_LEARNING_RATE, DEFAULT_ENTROPY), s.bool("cubeReward", true),
                s.integer("bank", 1000, 1, 1_000_000), s.integer("minibatch", 8, 1, 1024),
                s.integer("criticHidden", 32, 1, 1024), s.number("criticLearningRate", 0.01, 1e-7, 1),
                s.number("polyak", 0.1, 1e-4, 1), s.number("importanceCap", 1.0, 0.01, 100),
                s.integer("baselineSamples", 8, 1, 1024));
    }

    MnmsSettings withLearner(LearnerSettings l) {
        return new MnmsSettings(mode, l, cubeReward, bank, minibatch, criticHidden, criticLearningRate, polyak,
                importanceCap, baselineSamples);
    }
}
