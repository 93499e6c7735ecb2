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
    public static final List<String> KNOWN = List.of("random", "evolution", "aml", "maml", "taml");

    /**
     * The documented settings and their ranges. Evolution: {@code population} 2 to 100,000 (default 50),
     * {@code sample} 1 to population (10). Policy-gradient strategies (aml, maml, taml): {@code hidden} 1 to 1024 (50),
     * {@code embedding} 1 to 1024 (25), {@code initRange} 1e-6 to 1 (0.08), {@code temperature} 0.01 to 100 (1),
     * {@code tanhConstant} 0 to 100 (1.5; 0 = off), {@code learningRate} 1e-9 to 1 (0.001), {@code entropy} 0 to 10
     * (0.001), {@code baselineDecay} 0.01 to 0.9999 (0.95); taml also {@code pretrained}.
     */
    public static final List<String> EVOLUTION_KEYS = List.of("population", "sample");
    public static final List<String> LEARNER_KEYS = List.of("hidden", "embedding", "initRange", "temperature",
            "tanhConstant", "learningRate", "entropy", "baselineDecay");
    public static final List<String> TAML_KEYS = java.util.stream.Stream.concat(LEARNER_KEYS.stream(),
            java.util.stream.Stream.of("pretrained")).toList();

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
                spec.settings().requireOnly(List.of());
                return new RandomSearch(space, seed);
            case "evolution": {
                Settings s = spec.settings();
                s.requireOnly(EVOLUTION_KEYS);
                int population = s.integer("population", 50, 2, 100_000);
                int sample = s.integer("sample", Math.min(10, population), 1, population);
                return new RegularizedEvolution(space, taskCount, population, sample, seed);
            }
            case "aml":
            case "maml":
                spec.settings().requireOnly(LEARNER_KEYS);
                return reinforce(spec, space, taskCount, seed, pretrained);
            case "taml":
                spec.settings().requireOnly(TAML_KEYS);
                return reinforce(spec, space, taskCount, seed, pretrained);
            default:
                throw new InputException(spec.settings().source(), "$.strategy.name", "one of " + KNOWN
                        + ", found \"" + spec.name() + "\"");
        }
    }

    /** Default hyper-parameters of the policy-gradient strategies (chosen on validation rewards; see README). */
    public static LearnerSettings learnerSettings(Settings s) {
        try {
            ControllerSettings c = new ControllerSettings(s.integer("hidden", 50, 1, 1024),
                    s.integer("embedding", 25, 1, 1024), s.number("initRange", 0.08, 1e-6, 1.0),
                    s.number("temperature", 1.0, 0.01, 100), s.number("tanhConstant", DEFAULT_TANH_CONSTANT, 0, 100));
            return new LearnerSettings(c, s.number("learningRate", DEFAULT_LEARNING_RATE, 1e-9, 1.0),
                    s.number("entropy", DEFAULT_ENTROPY, 0, 10),
                    s.number("baselineDecay", DEFAULT_BASELINE_DECAY, 0.01, 0.9999));
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
            } catch (RuntimeException e) {
                // whatever a damaged checkpoint trips over, the user sees which setting named it and why
                throw spec.settings().error("pretrained", "a controller for this search space: "
                        + (e instanceof IllegalArgumentException ? e.getMessage()
                        : "the checkpoint is corrupt (" + e.getClass().getSimpleName() + ")"));
            }
            if (!source.settings().controller().equals(settings.controller())) {
                settings = new LearnerSettings(source.settings().controller(), settings.learningRate(),
                        settings.entropyWeight(), settings.baselineDecay());
            }
        }
        return new ReinforceStrategy(mode, space, taskCount, settings, seed, source);
    }
}
