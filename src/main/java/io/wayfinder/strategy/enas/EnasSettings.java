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
public record EnasSettings(SupernetSettings supernet, LearnerSettings learner, int controllerSteps, int candidates,
                           List<SupernetSettings> taskSupernets) {

    /** Single-task ENAS. */
    public EnasSettings(SupernetSettings supernet, LearnerSettings learner, int controllerSteps, int candidates) {
        this(supernet, learner, controllerSteps, candidates, List.of());
    }
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
        d.add(new SettingDoc("taskData", "a list, one entry per task of the run", "(none: single-task)",
                "multitask ENAS: each task's images, a directory or {\"data\", \"trainImages\", \"trainLabels\"}; "
                        + "one controller with task embeddings and one set of shared weights over all of them"));
        DOCS = List.copyOf(d);
    }

    /** The {@code taskData} entries as super-networks that differ from the main one only in their data. */
    static List<SupernetSettings> taskData(Settings s, SupernetSettings net) {
        com.fasterxml.jackson.databind.JsonNode list = s.node().get("taskData");
        if (list == null || list.isNull()) {
            return List.of();
        }
        String where = s.path() + ".taskData";
        if (!list.isArray() || list.size() < 2) {
            throw new InputException(s.source(), where, "a list of at least two tasks' image directories");
        }
        List<SupernetSettings> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode e = list.get(i);
            if (e.isTextual() && !e.asText().isBlank()) {
                out.add(net.withData(e.asText(), null, null));
            } else if (e.isObject() && e.path("data").isTextual()) {
                Settings one = new Settings(s.source(), where + "[" + i + "]",
                        (com.fasterxml.jackson.databind.node.ObjectNode) e);
                one.requireOnly(List.of("data", "trainImages", "trainLabels"));
                out.add(net.withData(one.string("data", null), one.string("trainImages", null),
                        one.string("trainLabels", null)));
            } else {
                throw new InputException(s.source(), where + "[" + i + "]", "an image directory, or an object with "
                        + "\"data\" (and optionally \"trainImages\", \"trainLabels\")");
            }
        }
        return List.copyOf(out);
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
                    s.integer("candidates", 10, 1, 1000), taskData(s, net));
        } catch (IllegalArgumentException e) {
            throw new InputException(s.source(), s.path(), e.getMessage());
        }
    }
}
