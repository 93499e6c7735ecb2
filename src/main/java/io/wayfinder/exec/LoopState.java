package io.wayfinder.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a loop checkpoint holds: the loop's own random state (task choice), the next proposal number, the number of
 * observations, and the strategy's state.
 */
record LoopState(long[] rng, int nextSeq, int observations, byte[] strategyState) {
    private static final int FORMAT = 1;

    byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(rng.length);
            for (long x : rng) {
                out.writeLong(x);
            }
            out.writeInt(nextSeq);
            out.writeInt(observations);
            out.writeInt(strategyState.length);
            out.write(strategyState);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoopState fromBytes(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown loop checkpoint format " + format);
            }
            long[] rng = new long[length(in, Long.BYTES)];
            for (int i = 0; i < rng.length; i++) {
                rng[i] = in.readLong();
            }
            int nextSeq = in.readInt();
            int observations = in.readInt();
            byte[] state = new byte[length(in, 1)];
            in.readFully(state);
            return new LoopState(rng, nextSeq, observations, state);
        } catch (IOException e) {
            throw new IllegalArgumentException("the loop checkpoint is truncated or corrupt: " + e, e);
        }
    }

    /** A length read from the stream, no larger than the bytes left could hold (never an OutOfMemoryError). */
    private static int length(DataInputStream in, int bytesPerItem) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * bytesPerItem > in.available()) {
            throw new IOException("bad length " + n);
        }
        return n;
    }
}
