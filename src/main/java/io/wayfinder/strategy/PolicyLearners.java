package io.wayfinder.strategy;

import io.wayfinder.controller.ControllerSettings;
import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.LstmController;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.project.Settings;
import io.wayfinder.run.InputException;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The LSTM controller(s) of a policy strategy other than REINFORCE (PPO, MNMS), arranged by the {@code mode} setting
 * the way {@code aml} / {@code maml} / {@code taml} arrange theirs:
 * <ul>
 *   <li>{@code single}: one independent controller per task of the run;</li>
 *   <li>{@code multitask}: one controller for all tasks, one learned embedding per task;</li>
 *   <li>{@code transfer}: like {@code multitask}, every shared weight copied from a pre-trained controller named by
 *       the {@code pretrained} setting, fresh embeddings for the run's tasks.</li>
 * </ul>
 */
public final class PolicyLearners {
    /** The three arrangements. */
    public enum Mode {
        SINGLE, MULTITASK, TRANSFER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Mode of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The documented settings shared by {@code ppo} and {@code mnms} (each adds its own). */
    public static List<StrategyProvider.SettingDoc> docs(Mode defaultMode, double learningRate, double entropy) {
        return List.of(
                new StrategyProvider.SettingDoc("mode", "single, multitask or transfer", defaultMode.id(),
                        "single: one controller per task (like aml); multitask: one controller with task embeddings "
                                + "(like maml); transfer: multitask started from 'pretrained' (like taml)"),
                new StrategyProvider.SettingDoc("pretrained", "{\"run\": ID}, {\"project\": NAME} or {\"file\": "
                        + "PATH}", "(required for mode transfer)", "the controller transfer starts from (an aml, "
                        + "maml, taml, ppo or mnms run with one controller, or a checkpoint file)"),
                new StrategyProvider.SettingDoc("hidden", "1 to 1024", "50", "LSTM units per layer"),
                new StrategyProvider.SettingDoc("embedding", "1 to 1024", "25", "size of action and task embeddings"),
                new StrategyProvider.SettingDoc("initRange", "0.000001 to 1", "0.08",
                        "weights start uniform in [-initRange, initRange]"),
                new StrategyProvider.SettingDoc("temperature", "0.001 to 100", "1.0",
                        "logits are divided by it before the softmax"),
                new StrategyProvider.SettingDoc("tanhConstant", "0 to 100", "1.5",
                        "logits become c * tanh(logits / temperature); 0 switches it off"),
                new StrategyProvider.SettingDoc("learningRate", "0.0000001 to 1", String.valueOf(learningRate),
                        "Adam's step size"),
                new StrategyProvider.SettingDoc("entropy", "0 to 10", String.valueOf(entropy),
                        "weight of the entropy bonus"),
                new StrategyProvider.SettingDoc("baselineDecay", "0.5 to 0.9999", "0.95",
                        "decay of the per-task reward moving averages"));
    }

    private final Mode mode;
    private final int taskCount;
    private final List<PolicyLearner> learners = new ArrayList<>();

    public PolicyLearners(Mode mode, SearchSpace space, int taskCount, LearnerSettings settings, Rng seeds,
                          PolicyLearner pretrained) {
        this.mode = mode;
        this.taskCount = taskCount;
        if (mode == Mode.SINGLE) {
            for (int t = 0; t < taskCount; t++) {
                learners.add(new PolicyLearner(space, 1, settings, seeds.nextLong()));
            }
        } else {
            learners.add(new PolicyLearner(space, taskCount, settings, seeds.nextLong()));
        }
        if (mode == Mode.TRANSFER) {
            if (pretrained == null) {
                throw new IllegalArgumentException("transfer needs a pre-trained controller");
            }
            learners.get(0).transferFrom(pretrained);
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The learner that serves a task. */
    public PolicyLearner learner(int task) {
        return mode == Mode.SINGLE ? learners.get(task) : learners.get(0);
    }

    /** The task's index inside its learner's controller. */
    public int local(int task) {
        return mode == Mode.SINGLE ? 0 : task;
    }

    public List<PolicyLearner> all() {
        return learners;
    }

    /** Replaces the learners by restored ones (same count). */
    public void replace(List<PolicyLearner> restored) {
        if (restored.size() != learners.size()) {
            throw new IllegalArgumentException("the saved state has " + restored.size() + " controller(s), this run "
                    + "has " + learners.size());
        }
        learners.clear();
        learners.addAll(restored);
    }

    /** The natural log of the probability the task's controller now gives this configuration. */
    public double logProbability(int task, io.wayfinder.space.Configuration configuration) {
        return learner(task).controller().logProbability(local(task), configuration.indices());
    }

    public Optional<PolicySnapshot> policy(int task, int observations) {
        return Optional.of(new PolicySnapshot(observations, task, learner(task).controller().greedyPolicy(local(task))));
    }

    public Optional<double[][]> taskEmbeddings() {
        if (mode == Mode.SINGLE) {
            return Optional.empty();
        }
        LstmController c = learners.get(0).controller();
        double[][] e = new double[taskCount][];
        for (int t = 0; t < taskCount; t++) {
            e[t] = c.taskEmbedding(t);
        }
        return Optional.of(e);
    }

    /** The {@code mode} setting: {@code single}, {@code multitask} or {@code transfer}. */
    public static Mode mode(Settings s, Mode fallback) {
        return Mode.of(s.oneOf("mode", fallback.id(), List.of("single", "multitask", "transfer")));
    }

    /** The controller and optimiser settings, each within its documented range. */
    public static LearnerSettings learnerSettings(Settings s, double learningRate, double entropy) {
        try {
            ControllerSettings c = new ControllerSettings(s.integer("hidden", 50, 1, 1024),
                    s.integer("embedding", 25, 1, 1024), s.number("initRange", 0.08, 1e-6, 1),
                    s.number("temperature", 1.0, 1e-3, 100), s.number("tanhConstant", 1.5, 0, 100));
            return new LearnerSettings(c, s.number("learningRate", learningRate, 1e-7, 1),
                    s.number("entropy", entropy, 0, 10), s.number("baselineDecay", 0.95, 0.5, 0.9999));
        } catch (IllegalArgumentException e) {
            throw new InputException(s.source(), s.path(), e.getMessage());
        }
    }

    /**
     * The pre-trained controller a {@code transfer} run starts from (or null for the other modes), with the run's
     * controller shape replaced by the pre-trained one's.
     */
    public static PolicyLearner pretrained(String id, Mode mode, Settings s, SearchSpace space,
                                           Function<Settings, Optional<byte[]>> source) {
        if (mode != Mode.TRANSFER) {
            return null;
        }
        byte[] bytes = source.apply(s).orElseThrow(() -> s.error("pretrained", "a pre-trained controller for " + id
                + " with mode transfer: {\"run\": ID} of an earlier multitask run, or {\"file\": PATH}"));
        try {
            return PolicyState.pretrainedLearner(bytes, space);
        } catch (IllegalArgumentException e) {
            throw s.error("pretrained", "a controller for this search space: " + e.getMessage());
        }
    }

    /** The run's learner settings with the pre-trained controller's shape, when there is one. */
    public static LearnerSettings shapedLike(LearnerSettings settings, PolicyLearner pretrained) {
        if (pretrained == null || pretrained.settings().controller().equals(settings.controller())) {
            return settings;
        }
        return new LearnerSettings(pretrained.settings().controller(), settings.learningRate(),
                settings.entropyWeight(), settings.baselineDecay());
    }
}
