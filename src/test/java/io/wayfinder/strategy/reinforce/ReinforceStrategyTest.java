package io.wayfinder.strategy.reinforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.LstmController;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.Toy;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReinforceStrategyTest {
    static final SearchSpace SPACE = Toy.SPACE;

    /** Settings that let a policy become sharp quickly (no tanh bound on the logits), for toy problems. */
    static final Settings SHARP = Settings.of("test", "$.strategy.settings", Json.MAPPER.createObjectNode()
            .put("learningRate", 0.005).put("tanhConstant", 0).put("entropy", 0.0001));

    static Strategy create(String id, int tasks, long seed, byte[] pretrained) {
        return Strategies.create(new StrategySpec(id, SHARP), SPACE, tasks, seed,
                s -> Optional.ofNullable(pretrained));
    }

    /** Share of the last 100 proposals that hit the target exactly. */
    static double hitRate(Strategy s, int task, int trials) {
        int hits = 0;
        for (int i = 0; i < trials; i++) {
            Configuration c = s.propose(task);
            double r = Toy.reward(c);
            s.observe(new Observation(task, c, r, false));
            if (i >= trials - 100 && r == 0) {
                hits++;
            }
        }
        return hits / 100.0;
    }

    @Test
    void amlFindsTheKnownOptimumOfAToySpace() {
        // 4 096 configurations; random search hits the optimum with probability 1/4096 per trial
        assertThat(hitRate(create("aml", 1, 1, null), 0, 1500)).isGreaterThan(0.5);
    }

    @Test
    void theDefaultSettingsLearnTooButKeepExploring() {
        Strategy s = Strategies.create(new StrategySpec("aml", Settings.empty()), SPACE, 1, 1, x -> Optional.empty());
        // random search: 1 in 4 096; the default tanh bound keeps every slot's top probability below ~0.75
        assertThat(hitRate(s, 0, 1500)).isBetween(0.03, 0.5);
    }

    @Test
    void transferKeepsSharedWeightsAndAddsFreshTaskEmbedding() {
        ReinforceStrategy pre = (ReinforceStrategy) create("maml", 2, 3, null);
        hitRate(pre, 0, 300);
        ReinforceStrategy taml = (ReinforceStrategy) create("taml", 1, 4, pre.state());
        LstmController source = pre.learnerFor(0).controller();
        LstmController target = taml.learnerFor(0).controller();
        double[] s = source.parameters();
        double[] t = target.parameters();
        assertThat(Arrays.copyOfRange(t, target.sharedOffset(), t.length))
                .containsExactly(Arrays.copyOfRange(s, source.sharedOffset(), s.length));
        assertThat(target.taskEmbedding(0)).isNotEqualTo(source.taskEmbedding(0))
                .isNotEqualTo(source.taskEmbedding(1));
        assertThat(taml.learnerFor(0).updates()).isZero();
    }

    @Test
    void transferStartsFarAheadOfAFreshControllerOnARelatedTask() {
        Strategy pre = create("maml", 1, 3, null);
        hitRate(pre, 0, 1500);
        double transferred = hitRate(create("taml", 1, 4, pre.state()), 0, 150);
        double fresh = hitRate(create("aml", 1, 4, null), 0, 150);
        assertThat(transferred).isGreaterThan(fresh + 0.3);
    }

    @Test
    void aCheckpointForAnotherSearchSpaceIsAClearError() {
        Strategy pre = create("maml", 1, 3, null);
        SearchSpace other = SearchSpaceCodec.parse("""
                {"schemaVersion": 1, "name": "other", "decisions": [
                  {"name": "a", "choices": [0, 1]}]}""", "other.json");
        Settings settings = Settings.of("taml.json", "$.strategy.settings", Json.MAPPER.createObjectNode());
        assertThatThrownBy(() -> Strategies.create(new StrategySpec("taml", settings), other, 1, 1,
                s -> Optional.of(pre.state())))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("taml.json")
                .hasMessageContaining("pretrained")
                .hasMessageContaining("another search space");
    }

    @Test
    void tamlWithoutPretrainedControllerSaysWhatIsMissing() {
        assertThatThrownBy(() -> create("taml", 1, 1, null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("pretrained");
    }

    @Test
    void controllerCheckpointFileRoundTrips() {
        ReinforceStrategy s = (ReinforceStrategy) create("aml", 1, 3, null);
        hitRate(s, 0, 120);
        PolicyLearner l = s.learnerFor(0);
        PolicyLearner back = PolicyLearner.read(l.checkpoint(), SPACE);
        assertThat(back.controller().parameters()).containsExactly(l.controller().parameters());
        assertThat(back.updates()).isEqualTo(120);
        assertThat(back.checkpoint()).isEqualTo(l.checkpoint());
    }

    @Test
    void multitaskRunHasOneEmbeddingPerTask() {
        Strategy m = create("maml", 3, 1, null);
        assertThat(m.taskEmbeddings()).get().satisfies(e -> assertThat(e).hasNumberOfRows(3));
        assertThat(create("aml", 3, 1, null).taskEmbeddings()).isEmpty();
    }

    @Test
    void learnerSettingsComeFromStrategySettingsWithClearErrors() {
        var node = Json.MAPPER.createObjectNode().put("learningRate", -1);
        Settings s = Settings.of("p.json", "$.strategy.settings", node);
        assertThatThrownBy(() -> ReinforceSettings.learner(s))
                .isInstanceOf(InputException.class).hasMessageContaining("p.json").hasMessageContaining("learningRate");
        LearnerSettings d = ReinforceSettings.learner(Settings.empty());
        assertThat(d.controller().hidden()).isEqualTo(50);
        assertThat(d.controller().embedding()).isEqualTo(25);
    }
}
