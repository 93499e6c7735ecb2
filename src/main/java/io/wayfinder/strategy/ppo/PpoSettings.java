package io.wayfinder.strategy.ppo;

import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.project.Settings;
import io.wayfinder.strategy.PolicyLearners;
import io.wayfinder.strategy.StrategyProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of {@code ppo}, parsed once with their ranges; unknown keys are rejected.
 *
 * @param mode    {@code single} (default; one controller per task, like {@code aml}), {@code multitask} (like
 *                {@code maml}) or {@code transfer} (like {@code taml}, with {@code pretrained})
 * @param learner controller shape, Adam learning rate, entropy bonus, baseline decay
 * @param batch   an update every this many finished trials of a controller
 * @param buffer  the update's buffer: this controller's most recent trials
 * @param epochs  passes (Adam steps) over the buffer per update
 * @param clip    the ratio's trust region, {@code [1 - clip, 1 + clip]}
 */
public record PpoSettings(PolicyLearners.Mode mode, LearnerSettings learner, int batch, int buffer, int epochs,
                          double clip) {
    public static final double DEFAULT_LEARNING_RATE = 0.005;
    public static final double DEFAULT_ENTROPY = 0.001;
    public static final int DEFAULT_BATCH = 5;
    public static final int DEFAULT_BUFFER = 20;
    public static final int DEFAULT_EPOCHS = 4;
    public static final double DEFAULT_CLIP = 0.2;

    /** The documented settings of {@code ppo}. */
    public static final List<StrategyProvider.SettingDoc> DOCS;

    static {
        List<StrategyProvider.SettingDoc> d = new ArrayList<>(PolicyLearners.docs(PolicyLearners.Mode.SINGLE,
                DEFAULT_LEARNING_RATE, DEFAULT_ENTROPY));
        d.add(new StrategyProvider.SettingDoc("batch", "1 to 10000", String.valueOf(DEFAULT_BATCH),
                "an update every this many finished trials of a controller"));
        d.add(new StrategyProvider.SettingDoc("buffer", "batch to 100000", String.valueOf(DEFAULT_BUFFER),
                "the update's buffer: the controller's most recent trials"));
        d.add(new StrategyProvider.SettingDoc("epochs", "1 to 100", String.valueOf(DEFAULT_EPOCHS),
                "Adam steps on the clipped surrogate per update"));
        d.add(new StrategyProvider.SettingDoc("clip", "0.01 to 0.99", String.valueOf(DEFAULT_CLIP),
                "the probability ratio's trust region [1 - clip, 1 + clip]"));
        DOCS = List.copyOf(d);
    }

    public PpoSettings {
        if (batch < 1 || buffer < batch || epochs < 1 || !(clip > 0 && clip < 1)) {
            throw new IllegalArgumentException("ppo needs batch >= 1, buffer >= batch, epochs >= 1, 0 < clip < 1");
        }
    }

    public static PpoSettings parse(Settings s) {
        s.requireOnly(StrategyProvider.keys(DOCS));
        PolicyLearners.Mode mode = PolicyLearners.mode(s, PolicyLearners.Mode.SINGLE);
        LearnerSettings learner = PolicyLearners.learnerSettings(s, DEFAULT_LEARNING_RATE, DEFAULT_ENTROPY);
        int batch = s.integer("batch", DEFAULT_BATCH, 1, 10_000);
        int buffer = s.integer("buffer", Math.max(batch, DEFAULT_BUFFER), 1, 100_000);
        if (buffer < batch) {
            throw s.error("buffer", "at least batch (" + batch + ")");
        }
        return new PpoSettings(mode, learner, batch, buffer, s.integer("epochs", DEFAULT_EPOCHS, 1, 100),
                s.number("clip", DEFAULT_CLIP, 0.01, 0.99));
    }

    PpoSettings withLearner(LearnerSettings l) {
        return new PpoSettings(mode, l, batch, buffer, epochs, clip);
    }
}
