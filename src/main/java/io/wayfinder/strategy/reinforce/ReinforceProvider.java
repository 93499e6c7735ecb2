package io.wayfinder.strategy.reinforce;

import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The three registrations of {@link ReinforceStrategy}: {@link Aml}, {@link Maml} and {@link Taml}.
 */
public abstract class ReinforceProvider implements StrategyProvider<ReinforceSettings> {
    private final String id;
    private final String label;
    private final boolean shared;
    private final boolean transfer;
    private final String summary;

    ReinforceProvider(String id, String label, boolean shared, boolean transfer, String summary) {
        this.id = id;
        this.label = label;
        this.shared = shared;
        this.transfer = transfer;
        this.summary = summary;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public List<SettingDoc> settings() {
        List<SettingDoc> docs = new ArrayList<>(ReinforceSettings.DOCS);
        if (transfer) {
            docs.add(ReinforceSettings.PRETRAINED);
        }
        return docs;
    }

    @Override
    public ReinforceSettings parse(Settings settings) {
        return ReinforceSettings.parse(settings, transfer);
    }

    @Override
    public Strategy create(ReinforceSettings settings, StrategyContext context) {
        LearnerSettings learner = settings.learner();
        PolicyLearner source = null;
        if (transfer) {
            Settings s = context.settings();
            byte[] bytes = context.pretrained().apply(s).orElseThrow(() -> s.error("pretrained",
                    "a pre-trained controller for " + id + ": {\"run\": ID} of an earlier maml run, or "
                            + "{\"file\": PATH}"));
            try {
                source = io.wayfinder.strategy.PolicyState.pretrainedLearner(bytes, context.space());
            } catch (IllegalArgumentException e) {
                throw s.error("pretrained", "a controller for this search space: " + e.getMessage());
            }
            if (!source.settings().controller().equals(learner.controller())) {
                learner = new LearnerSettings(source.settings().controller(), learner.learningRate(),
                        learner.entropyWeight(), learner.baselineDecay());
            }
        }
        return new ReinforceStrategy(id, shared, context.space(), context.taskCount(), learner, context.seed(),
                source);
    }

    @Override
    public Set<LiveView> views() {
        return shared ? Set.of(LiveView.POLICY, LiveView.TASK_EMBEDDINGS) : Set.of(LiveView.POLICY);
    }

    /** {@code aml}: one controller per task. */
    public static final class Aml extends ReinforceProvider {
        public Aml() {
            super("aml", "AML", false, false, "REINFORCE with an LSTM controller, one controller per task");
        }
    }

    /** {@code maml}: one controller shared by all tasks, with learned task embeddings. */
    public static final class Maml extends ReinforceProvider {
        public Maml() {
            super("maml", "M-AML", true, false, "multitask REINFORCE: one LSTM controller with task embeddings");
        }
    }

    /** {@code taml}: {@code maml} starting from a pre-trained controller, fresh task embeddings. */
    public static final class Taml extends ReinforceProvider {
        public Taml() {
            super("taml", "T-AML", true, true, "transfer: M-AML started from a pre-trained controller");
        }
    }
}
