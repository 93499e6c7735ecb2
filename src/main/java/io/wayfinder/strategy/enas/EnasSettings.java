package io.wayfinder.strategy.enas;

import io.wayfinder.controller.ControllerSettings;
import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.project.Settings;
import io.wayfinder.run.InputException;
import io.wayfinder.strategy.StrategyProvider;
import io.wayfinder.strategy.StrategyProvider.SettingDoc;
import io.wayfinder.strategy.oneshot.SupernetSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * ENAS' settings.
 *
 * @param supernet        the super-network, its data and the shared weights' optimiser
 * @param learner         the LSTM controller and its REINFORCE learning
 * @param controllerSteps controller updates per epoch, each from one sampled cell's accuracy on a validation batch
 * @param candidates      cells sampled at the end of an epoch; the one with the best shared-weight accuracy on a
 *                        fixed validation batch is proposed (ENAS' derivation)
 */
public record EnasSettings(SupernetSettings supernet, LearnerSettings learner, int controllerSteps, int candidates) {
    public static final List<SettingDoc> DOCS;

    static {
        List<SettingDoc> d = new ArrayList<>(SupernetSettings.DOCS);
        d.add(new SettingDoc("hidden", "1 to 1024", "50", "controller LSTM units per layer"));
        d.add(new SettingDoc("embedding", "1 to 1024", "25", "controller action embedding size"));
        d.add(new SettingDoc("initRange", "0.0001 to 1", "0.08", "controller weights start uniform in this range"));
        d.add(new SettingDoc("temperature", "0.01 to 100", "1.0", "controller logits are divided by it"));
        d.add(new SettingDoc("tanhConstant", "0 to 100", "1.5", "controller logits become c * tanh(logits / T)"));
        d.add(new SettingDoc("learningRate", "0.000001 to 1", "0.005", "the controller's Adam step size"));
        d.add(new SettingDoc("entropy", "0 to 10", "0.001", "weight of the controller's entropy bonus"));
        d.add(new SettingDoc("baselineDecay", "0.01 to 0.9999", "0.9", "decay of the reward moving average"));
        d.add(new SettingDoc("controllerSteps", "1 to 10000", "20", "controller updates per epoch"));
        d.add(new SettingDoc("candidates", "1 to 1000", "10",
                "cells sampled at each epoch's end; the best on a validation batch is proposed"));
        DOCS = List.copyOf(d);
    }

    public static EnasSettings parse(Settings s) {
        s.requireOnly(StrategyProvider.keys(DOCS));
        SupernetSettings net = SupernetSettings.parse(s);
        try {
            ControllerSettings c = new ControllerSettings(s.integer("hidden", 50, 1, 1024),
                    s.integer("embedding", 25, 1, 1024), s.number("initRange", 0.08, 1e-4, 1),
                    s.number("temperature", 1.0, 0.01, 100), s.number("tanhConstant", 1.5, 0, 100));
            LearnerSettings l = new LearnerSettings(c, s.number("learningRate", 0.005, 1e-6, 1),
                    s.number("entropy", 0.001, 0, 10), s.number("baselineDecay", 0.9, 0.01, 0.9999));
            return new EnasSettings(net, l, s.integer("controllerSteps", 20, 1, 10_000),
                    s.integer("candidates", 10, 1, 1000));
        } catch (IllegalArgumentException e) {
            throw new InputException(s.source(), s.path(), e.getMessage());
        }
    }
}
