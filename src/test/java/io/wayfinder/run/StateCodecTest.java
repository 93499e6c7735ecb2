package io.wayfinder.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static final byte[] STATE = StateCodec.encode("strategy/x", 2, out -> {
        out.writeUTF("hello");
        StateCodec.writeDoubles(out, new double[] {1.5, -2, Math.PI});
    });

    private static Object read(byte[] bytes, int maxVersion) {
        return StateCodec.decode(bytes, List.of("strategy/x"), maxVersion, (in, version) -> {
            String s = in.readUTF();
            double[] d = StateCodec.readDoubles(in);
            return version + " " + s + " " + Arrays.toString(d);
        });
    }

    @Test
    void roundTripsWithItsKindAndVersion() {
        assertThat(read(STATE, 2)).isEqualTo("2 hello [1.5, -2.0, 3.141592653589793]");
        assertThat(StateCodec.kindOf(STATE)).contains("strategy/x");
    }

    @Test
    void everyTruncationIsRefusedWithAClearMessage() {
        for (int cut = 0; cut < STATE.length; cut++) {
            byte[] t = Arrays.copyOf(STATE, cut);
            assertThatThrownBy(() -> read(t, 2)).as("cut at " + cut)
                    .isInstanceOf(StateCodec.StateFormatException.class)
                    .hasMessageMatching(".*(truncated|empty|older|corrupt|ends early).*");
        }
    }

    @Test
    void everySingleBitFlipIsRefused() {
        for (int i = 0; i < STATE.length; i++) {
            byte[] f = STATE.clone();
            f[i] ^= 0x01;
            assertThatThrownBy(() -> read(f, 2)).as("flip at " + i).isInstanceOf(StateCodec.StateFormatException.class);
        }
    }

    @Test
    void aNewerVersionAnotherKindTrailingBytesOrAnUnversionedBlobAreNamed() {
        assertThatThrownBy(() -> read(STATE, 1)).hasMessageContaining("version 2").hasMessageContaining("newer");
        byte[] other = StateCodec.encode("strategy/y", 1, out -> out.writeInt(1));
        assertThatThrownBy(() -> read(other, 2)).hasMessageContaining("strategy/y").hasMessageContaining("strategy/x");
        byte[] longer = Arrays.copyOf(STATE, STATE.length + 3);
        assertThatThrownBy(() -> read(longer, 2)).hasMessageContaining("trailing");
        assertThatThrownBy(() -> read(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 2)).hasMessageContaining("older");
        // a payload reader that stops early is caught too
        assertThatThrownBy(() -> StateCodec.decode(STATE, List.of("strategy/x"), 2, (in, v) -> in.readUTF()))
                .hasMessageContaining("trailing");
    }

    @Test
    void aCorruptArrayLengthNeverAllocates() {
        byte[] huge = StateCodec.encode("strategy/x", 1, out -> {
            out.writeUTF("h");
            out.writeInt(Integer.MAX_VALUE);
        });
        assertThatThrownBy(() -> read(huge, 2)).isInstanceOf(StateCodec.StateFormatException.class)
                .hasMessageContaining("impossible array length");
    }
}
