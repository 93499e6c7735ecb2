package io.wayfinder.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered strategy keeps, run against each provider that {@link Strategies} finds (a strategy
 * added with one registration line is covered without touching this file): valid proposals for every task of a
 * space with repeated and skip decisions, determinism given the seed, an exact continuation after
 * {@code state()} / {@code restore()}, a clear error for truncated, corrupt or foreign state, documented settings
 * with misspelt keys rejected, and policy / density snapshots that are distributions.
 */
class StrategyContractTest {
    static final SearchSpace SPACE = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "contract", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3, 4, 5]},
              {"type": "repeat", "name": "layer", "count": 3, "decisions": [
                {"name": "w", "choices": [1, 2, 3]},
                {"type": "skip", "name": "inputs"}]},
              {"name": "fixed", "choices": ["only"]}]}""", "contract.json");
    static final int TASKS = 2;

    static Stream<String> ids() {
        // one-shot strategies need their cell space (see StrategyProvider.anySpace); they have their own tests
        return Strategies.all().stream().filter(StrategyProvider::anySpace).map(StrategyProvider::id);
    }

    /** State of a multitask strategy, for those that transfer from a pre-trained controller. */
    private static byte[] pretrainedState() {
        Strategy pre = Strategies.create(new StrategySpec("maml", Settings.empty()), SPACE, 3, 77,
                s -> Optional.empty());
        drive(pre, 0, 30);
        return pre.state();
    }

    static Strategy create(String id, long seed) {
        StrategyProvider<?> p = Strategies.find(id).orElseThrow();
        boolean transfer = p.settings().stream().anyMatch(d -> d.key().equals("pretrained"));
        byte[] pre = transfer ? pretrainedState() : null;
        return Strategies.create(new StrategySpec(id, Settings.of("test", "$.strategy.settings",
                Json.MAPPER.createObjectNode())), SPACE, TASKS, seed, s -> Optional.ofNullable(pre));
    }

    static double reward(int task, Configuration c) {
        return (c.get(0) == 4 ? 0.5 : 0) + (c.get(1) == task ? 0.3 : 0) + 0.01 * c.get(2);
    }

    static List<Configuration> drive(Strategy s, int from, int to) {
        List<Configuration> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int task = i % TASKS;
            Configuration c = s.propose(task);
            out.add(c);
            boolean failed = i % 11 == 5;
            s.observe(new Observation(task, c, failed ? 0 : reward(task, c), failed));
        }
        return out;
    }

    @Test
    void theSeedsStrategiesAreRegistered() {
        assertThat(Strategies.ids()).contains("random", "evolution", "aml", "maml", "taml", "tpe");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void idIsTheNameItWasCreatedUnder(String id) {
        assertThat(create(id, 1).id()).isEqualTo(id);
        assertThat(Strategies.label(id)).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void proposalsAreValidConfigurationsForEveryTask(String id) {
        Strategy s = create(id, 3);
        int[] sizes = SPACE.slotSizes();
        for (Configuration c : drive(s, 0, 60)) {
            assertThat(c.size()).isEqualTo(sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                assertThat(c.get(i)).isBetween(0, sizes[i] - 1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void sameSeedSameProposals(String id) {
        assertThat(drive(create(id, 5), 0, 40)).isEqualTo(drive(create(id, 5), 0, 40));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void restoredStateContinuesExactly(String id) {
        Strategy a = create(id, 9);
        drive(a, 0, 25);
        byte[] state = a.state();
        List<Configuration> rest = drive(a, 25, 60);
        Strategy b = create(id, 9);
        b.restore(state);
        assertThat(drive(b, 25, 60)).isEqualTo(rest);
        assertThat(b.state()).isEqualTo(a.state());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void truncatedCorruptOrForeignStateIsAClearErrorAndChangesNothing(String id) {
        Strategy a = create(id, 4);
        drive(a, 0, 20);
        byte[] state = a.state();
        Strategy b = create(id, 4);
        drive(b, 0, 20);
        for (int cut : new int[] {0, 3, 10, state.length / 2, state.length - 1}) {
            assertThatThrownBy(() -> b.restore(Arrays.copyOf(state, cut)))
                    .isInstanceOf(StateCodec.StateFormatException.class);
        }
        byte[] flipped = state.clone();
        flipped[flipped.length / 2] ^= 0x10;
        assertThatThrownBy(() -> b.restore(flipped)).isInstanceOf(StateCodec.StateFormatException.class)
                .hasMessageContaining("checksum");
        String other = id.equals("random") ? "evolution" : "random";
        byte[] foreign = create(other, 4).state();
        assertThatThrownBy(() -> b.restore(foreign)).isInstanceOf(StateCodec.StateFormatException.class)
                .hasMessageContaining("strategy/" + other);
        byte[] unversioned = new byte[64];
        assertThatThrownBy(() -> b.restore(unversioned)).hasMessageContaining("older");
        // none of the refusals changed the strategy
        assertThat(b.state()).isEqualTo(state);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void settingsAreDocumentedAndAMisspeltKeyNamesTheClosestOne(String id) {
        StrategyProvider<?> p = Strategies.find(id).orElseThrow();
        assertThat(p.summary()).isNotBlank();
        assertThat(p.views()).isNotNull();
        for (StrategyProvider.SettingDoc d : p.settings()) {
            assertThat(d.range()).as(d.key()).isNotBlank();
            assertThat(d.description()).as(d.key()).isNotBlank();
            String misspelt = d.key().toLowerCase(java.util.Locale.ROOT) + "x";
            var node = Json.MAPPER.createObjectNode().put(misspelt, 1);
            assertThatThrownBy(() -> Strategies.validate(new StrategySpec(id, Settings.of("p.json",
                    "$.strategy.settings", node)))).isInstanceOf(InputException.class)
                    .hasMessageContaining("p.json").hasMessageContaining(misspelt)
                    .hasMessageContaining("'" + d.key() + "'");
        }
        var node = Json.MAPPER.createObjectNode().put("noSuchSettingAtAll", 1);
        assertThatThrownBy(() -> Strategies.validate(new StrategySpec(id, Settings.of("p.json",
                "$.strategy.settings", node)))).isInstanceOf(InputException.class)
                .hasMessageContaining("noSuchSettingAtAll");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void policyAndDensitySnapshotsAreDistributionsOverEverySlot(String id) {
        Strategy s = create(id, 2);
        drive(s, 0, 30);
        for (int t = 0; t < TASKS; t++) {
            Optional<PolicySnapshot> p = s.policy(t, 30);
            if (p.isPresent()) {
                assertThat(p.get().task()).isEqualTo(t);
                assertDistributions(p.get().probabilities());
            }
            Optional<DecisionDensities> d = s.densities(t);
            if (d.isPresent()) {
                assertThat(d.get().task()).isEqualTo(t);
                assertDistributions(d.get().good());
                assertDistributions(d.get().bad());
            }
        }
    }

    private static void assertDistributions(float[][] probabilities) {
        assertThat(probabilities).hasNumberOfRows(SPACE.flat().size());
        for (int i = 0; i < SPACE.flat().size(); i++) {
            float[] slot = probabilities[i];
            assertThat(slot).hasSize(SPACE.slotSizes()[i]);
            float sum = 0;
            for (float v : slot) {
                assertThat(v).isBetween(0f, 1f);
                sum += v;
            }
            assertThat(sum).isBetween(0.999f, 1.001f);
        }
    }

    @Test
    void anUnknownStrategyListsTheKnownOnes() {
        assertThatThrownBy(() -> Strategies.validate(new StrategySpec("nope", Settings.of("p.json",
                "$.strategy.settings", Json.MAPPER.createObjectNode())))).isInstanceOf(InputException.class)
                .hasMessageContaining("p.json").hasMessageContaining("$.strategy.name")
                .hasMessageContaining("random").hasMessageContaining("evolution").hasMessageContaining("nope");
    }
}
