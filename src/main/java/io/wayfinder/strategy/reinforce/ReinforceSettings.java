package io.wayfinder.strategy.reinforce;

import io.wayfinder.controller.ControllerSettings;
import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.project.Settings;
import io.wayfinder.run.InputException;
import io.wayfinder.strategy.StrategyProvider.SettingDoc;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed settings of the policy-gradient strategies ({@code aml}, {@code maml}, {@code taml}), parsed once with
 * their documented ranges. Defaults were chosen on validation rewards (see README).
 *
 * @param learner the controller's shape and how it learns
 */
public record ReinforceSettings(LearnerSettings learner) {
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_ENTROPY = 0.001;
    public static final double DEFAULT_BASELINE_DECAY = 0.95;
    public static final double DEFAULT_TANH_CONSTANT = 1.5;

    /** The documented settings (taml adds {@code pretrained}). */
    public static final List<SettingDoc> DOCS = List.of(
            new SettingDoc("hidden", "1 to 1024", "50", "LSTM units per layer"),
            new SettingDoc("embedding", "1 to 1024", "25", "size of action and task embeddings"),
            new SettingDoc("initRange", "0.0001 to 1", "0.08", "weights start uniform in [-initRange, initRange]"),
            new SettingDoc("temperature", "0.01 to 100", "1.0", "logits are divided by it before the softmax"),
            new SettingDoc("tanhConstant", "0 to 100", String.valueOf(DEFAULT_TANH_CONSTANT),
                    "logits become c * tanh(logits / temperature); 0 switches it off"),
            new SettingDoc("learningRate", "0.000001 to 1", String.valueOf(DEFAULT_LEARNING_RATE), "Adam's step size"),
            new SettingDoc("entropy", "0 to 10", String.valueOf(DEFAULT_ENTROPY), "weight of the entropy bonus"),
            new SettingDoc("baselineDecay", "0.01 to 0.9999", String.valueOf(DEFAULT_BASELINE_DECAY),
                    "decay of the per-task reward moving averages"));

    /** The pre-trained controller of transfer. */
    public static final SettingDoc PRETRAINED = new SettingDoc("pretrained", "{\"run\": ID}, {\"project\": NAME} or "
            + "{\"file\": PATH}", "(required for taml)", "the controller transfer starts from");

    /** Parses the settings of an aml / maml / taml block, rejecting unknown keys. */
    public static ReinforceSettings parse(Settings s, boolean transfer) {
        List<String> known = new ArrayList<>(io.wayfinder.strategy.StrategyProvider.keys(DOCS));
        if (transfer) {
            known.add(PRETRAINED.key());
        }
        LearnerSettings learner = learner(s);
        s.requireOnly(known);
        return new ReinforceSettings(learner);
    }

    /** The learner settings of a block (defaults where absent), each checked against its range. */
    public static LearnerSettings learner(Settings s) {
        try {
            ControllerSettings c = new ControllerSettings(s.integer("hidden", 50, 1, 1024),
                    s.integer("embedding", 25, 1, 1024), s.number("initRange", 0.08, 1e-4, 1),
                    s.number("temperature", 1.0, 0.01, 100), s.number("tanhConstant", DEFAULT_TANH_CONSTANT, 0, 100));
            return new LearnerSettings(c, s.number("learningRate", DEFAULT_LEARNING_RATE, 1e-6, 1),
                    s.number("entropy", DEFAULT_ENTROPY, 0, 10),
                    s.number("baselineDecay", DEFAULT_BASELINE_DECAY, 0.01, 0.9999));
        } catch (IllegalArgumentException e) {
            throw new InputException(s.source(), s.path(), e.getMessage());
        }
    }
}
