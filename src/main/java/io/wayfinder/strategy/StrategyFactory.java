package io.wayfinder.strategy;

import io.wayfinder.run.InputException;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.controller.ControllerSettings;
import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.project.Settings;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds the strategy a project names. */
public final class StrategyFactory {
    /** The strategy ids this build knows. */
    public static final List<String> KNOWN = List.of("random", "evolution", "aml", "maml", "taml", "ppo", "mnms");

    /** Evolution's settings: population, tournament size and the progressive dynamic hurdles. */
    private static final List<String> EVOLUTION_KEYS = List.of("population", "sample", "hurdles", "hurdleWarmup");

    private StrategyFactory() {
    }

    /**
     * @param spec       the project's strategy block
     * @param space      the search space
     * @param taskCount  the number of tasks of the run
     * @param seed       the run's seed
     * @param pretrained loads pre-trained state named by settings (e.g. an earlier run's checkpoint), for transfer
     */
    public static Strategy create(StrategySpec spec, SearchSpace space, int taskCount, long seed,
                                  Function<io.wayfinder.project.Settings, Optional<byte[]>> pretrained) {
        switch (spec.name()) {
            case "random":
                return new RandomSearch(space, seed);
            case "evolution": {
                Settings s = spec.settings();
                s.requireOnly(EVOLUTION_KEYS);
                HurdleSettings.parse(s);
                int population = s.integer("population", 50, 2, 1_000_000);
                return new RegularizedEvolution(space, taskCount, population,
                        s.integer("sample", 10, 1, population), seed);
            }
            case "aml":
            case "maml":
            case "taml":
                return reinforce(spec, space, taskCount, seed, pretrained);
            case io.wayfinder.strategy.ppo.PpoStrategy.ID:
                return io.wayfinder.strategy.ppo.PpoStrategy.create(spec.settings(), space, taskCount, seed, pretrained);
            case io.wayfinder.strategy.mnms.MnmsStrategy.ID:
                return io.wayfinder.strategy.mnms.MnmsStrategy.create(spec.settings(), space, taskCount, seed,
                        pretrained);
            default:
                throw new InputException(spec.settings().source(), "$.strategy.name", "one of " + KNOWN
                        + ", found \"" + spec.name() + "\"");
        }
    }

    /** Default hyper-parameters of the policy-gradient strategies (chosen on validation rewards; see README). */
    public static LearnerSettings learnerSettings(Settings s) {
        try {
            ControllerSettings c = new ControllerSettings(s.integer("hidden", 50), s.integer("embedding", 25),
                    s.number("initRange", 0.08), s.number("temperature", 1.0), s.number("tanhConstant", DEFAULT_TANH_CONSTANT));
            return new LearnerSettings(c, s.number("learningRate", DEFAULT_LEARNING_RATE),
                    s.number("entropy", DEFAULT_ENTROPY), s.number("baselineDecay", DEFAULT_BASELINE_DECAY));
        } catch (IllegalArgumentException e) {
            throw new InputException(s.source(), s.path(), e.getMessage());
        }
    }

    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_ENTROPY = 0.001;
    public static final double DEFAULT_BASELINE_DECAY = 0.95;
    public static final double DEFAULT_TANH_CONSTANT = 1.5;

    private static Strategy reinforce(StrategySpec spec, SearchSpace space, int taskCount, long seed,
                                      Function<Settings, Optional<byte[]>> pretrained) {
        ReinforceStrategy.Mode mode = ReinforceStrategy.Mode.of(spec.name()).orElseThrow();
        LearnerSettings settings = learnerSettings(spec.settings());
        PolicyLearner source = null;
        if (mode == ReinforceStrategy.Mode.TAML) {
            byte[] bytes = pretrained.apply(spec.settings()).orElseThrow(() -> spec.settings().error("pretrained",
                    "a pre-trained controller for taml: {\"run\": ID} of an earlier maml run, or {\"file\": PATH}"));
            try {
                source = ReinforceStrategy.pretrainedLearner(bytes, space);
            } catch (IllegalArgumentException e) {
                throw spec.settings().error("pretrained", "a controller for this search space: " + e.getMessage());
            }
            if (!source.settings().controller().equals(settings.controller())) {
                settings = new LearnerSettings(source.settings().controller(), settings.learningRate(),
                        settings.entropyWeight(), settings.baselineDecay());
            }
        }
        return new ReinforceStrategy(mode, space, taskCount, settings, seed, source);
    }
}
