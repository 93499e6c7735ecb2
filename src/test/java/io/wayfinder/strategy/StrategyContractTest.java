package io.wayfinder.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.run.Json;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract every strategy keeps, run against each one through {@link StrategyFactory}: valid proposals for every
 * task, determinism given the seed, and an exact continuation after {@code state()} / {@code restore()}.
 */
abstract class StrategyContractTest {
    static final SearchSpace SPACE = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "contract", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3, 4, 5]},
              {"type": "repeat", "name": "layer", "count": 3, "decisions": [
                {"name": "w", "choices": [1, 2, 3]},
                {"type": "skip", "name": "inputs"}]},
              {"name": "fixed", "choices": ["only"]}]}""", "contract.json");
    static final int TASKS = 2;

    abstract String id();

    Strategy create(long seed) {
        return StrategyFactory.create(new StrategySpec(id(), Settings.of("test", "$.strategy.settings",
                Json.MAPPER.createObjectNode())), SPACE, TASKS, seed, s -> Optional.empty());
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
    void idIsTheNameItWasCreatedUnder() {
        assertThat(create(1).id()).isEqualTo(id());
    }

    @Test
    void proposalsAreValidConfigurationsForEveryTask() {
        Strategy s = create(3);
        int[] sizes = SPACE.slotSizes();
        for (Configuration c : drive(s, 0, 40)) {
            assertThat(c.size()).isEqualTo(sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                assertThat(c.get(i)).isBetween(0, sizes[i] - 1);
            }
        }
    }

    @Test
    void sameSeedSameProposals() {
        assertThat(drive(create(5), 0, 30)).isEqualTo(drive(create(5), 0, 30));
    }

    @Test
    void restoredStateContinuesExactly() {
        Strategy a = create(9);
        drive(a, 0, 25);
        byte[] state = a.state();
        List<Configuration> rest = drive(a, 25, 60);
        Strategy b = create(9);
        b.restore(state);
        assertThat(drive(b, 25, 60)).isEqualTo(rest);
        assertThat(b.state()).isEqualTo(a.state());
    }

    @Test
    void policySnapshotsAreDistributionsOverEverySlot() {
        Strategy s = create(2);
        drive(s, 0, 10);
        for (int t = 0; t < TASKS; t++) {
            Optional<PolicySnapshot> p = s.policy(t, 10);
            if (p.isEmpty()) {
                continue;
            }
            assertThat(p.get().task()).isEqualTo(t);
            assertThat(p.get().probabilities()).hasNumberOfRows(SPACE.flat().size());
            for (int i = 0; i < SPACE.flat().size(); i++) {
                float[] slot = p.get().probabilities()[i];
                assertThat(slot).hasSize(SPACE.slotSizes()[i]);
                float sum = 0;
                for (float v : slot) {
                    assertThat(v).isBetween(0f, 1f);
                    sum += v;
                }
                assertThat(sum).isBetween(0.999f, 1.001f);
            }
        }
    }
}

class RandomSearchContractTest extends StrategyContractTest {
    @Override
    String id() {
        return "random";
    }
}

class RegularizedEvolutionContractTest extends StrategyContractTest {
    @Override
    String id() {
        return "evolution";
    }
}

class AmlContractTest extends StrategyContractTest {
    @Override
    String id() {
        return "aml";
    }
}

class MamlContractTest extends StrategyContractTest {
    @Override
    String id() {
        return "maml";
    }
}

class TamlContractTest extends StrategyContractTest {
    @Override
    Strategy create(long seed) {
        Strategy pre = StrategyFactory.create(new StrategySpec("maml", Settings.empty()), SPACE, 3, 77,
                s -> Optional.empty());
        drive(pre, 0, 30);
        byte[] bytes = pre.state();
        return StrategyFactory.create(new StrategySpec("taml", Settings.empty()), SPACE, TASKS, seed,
                s -> Optional.of(bytes));
    }

    @Override
    String id() {
        return "taml";
    }
}
