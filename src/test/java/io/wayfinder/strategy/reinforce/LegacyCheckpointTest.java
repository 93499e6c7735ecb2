package io.wayfinder.strategy.reinforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.Toy;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Controller checkpoints of the first, unversioned format ("WFCT" version 1) still load, exactly. */
class LegacyCheckpointTest {

    /** The first format: magic "WFCT", int 1, then the same fields the versioned payload holds. */
    static byte[] legacy(byte[] envelope) throws Exception {
        int header = 4 + 2 + 2 + PolicyLearner.KIND.getBytes(StandardCharsets.UTF_8).length + 4 + 4;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x57464354);
        out.writeInt(1);
        out.write(Arrays.copyOfRange(envelope, header, envelope.length - 8));
        out.flush();
        return b.toByteArray();
    }

    @Test
    void aFirstFormatCheckpointLoadsTheSameControllerAndTransfersFromIt() throws Exception {
        ReinforceStrategy s = (ReinforceStrategy) Strategies.create(new StrategySpec("maml", Settings.empty()),
                Toy.SPACE, 1, 3, x -> Optional.empty());
        for (int i = 0; i < 50; i++) {
            Configuration c = s.propose(0);
            s.observe(new Observation(0, c, Toy.reward(c), false));
        }
        PolicyLearner l = s.learnerFor(0);
        byte[] old = legacy(l.checkpoint());
        assertThat(PolicyLearner.isCheckpoint(old)).isTrue();
        PolicyLearner back = PolicyLearner.read(old, Toy.SPACE);
        assertThat(back.controller().parameters()).containsExactly(l.controller().parameters());
        assertThat(back.updates()).isEqualTo(50);
        assertThat(back.checkpoint()).isEqualTo(l.checkpoint());
        Strategy taml = Strategies.create(new StrategySpec("taml", Settings.empty()), Toy.SPACE, 1, 4,
                x -> Optional.of(old));
        assertThat(taml.id()).isEqualTo("taml");
        // a truncated first-format file is a clear error, not a different controller
        assertThatThrownBy(() -> PolicyLearner.read(Arrays.copyOf(old, old.length - 9), Toy.SPACE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        // and a versioned one with one flipped bit is refused by its checksum
        byte[] flipped = l.checkpoint();
        flipped[flipped.length / 2] ^= 0x04;
        assertThatThrownBy(() -> PolicyLearner.read(flipped, Toy.SPACE))
                .isInstanceOf(StateCodec.StateFormatException.class).hasMessageContaining("checksum");
    }
}
