package io.wayfinder.strategy;

import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.space.SearchSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved state of a controller strategy other than REINFORCE (PPO, MNMS): a versioned envelope with the strategy
 * id, mode, random state and controller checkpoints, then the strategy's own extra bytes (PPO's trial buffer, MNMS's
 * critic and replay bank). Any run in this format, or a REINFORCE run, can be a transfer source.
 */
public final class PolicyState {
    private static final int MAGIC = 0x57465053; // "WFPS"
    private static final int VERSION = 1;

    /** A decoded state. */
    public record Decoded(String strategy, String mode, long[] rng, List<PolicyLearner> learners, byte[] extra) {
    }

    private PolicyState() {
    }

    public static byte[] encode(String strategy, String mode, long[] rng, List<PolicyLearner> learners, byte[] extra) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(strategy);
            out.writeUTF(mode);
            out.writeInt(rng.length);
            for (long s : rng) {
                out.writeLong(s);
            }
            out.writeInt(learners.size());
            for (PolicyLearner l : learners) {
                byte[] b = l.checkpoint();
                out.writeInt(b.length);
                out.write(b);
            }
            out.writeInt(extra.length);
            out.write(extra);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean is(byte[] bytes) {
        return bytes.length >= 4 && ((bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8
                | (bytes[3] & 0xff)) == MAGIC;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not such a state, of another version, or corrupt
     */
    public static Decoded decode(byte[] bytes, SearchSpace space) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not the state of a ppo or mnms run");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("strategy state version " + version + " is not supported (this "
                        + "build reads version " + VERSION + ")");
            }
            String strategy = in.readUTF();
            String mode = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 64) {
                throw new IOException("bad random state length " + n);
            }
            long[] rng = new long[n];
            for (int i = 0; i < n; i++) {
                rng[i] = in.readLong();
            }
            int count = in.readInt();
            if (count < 0 || count > 100_000) {
                throw new IOException("bad controller count " + count);
            }
            List<PolicyLearner> learners = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                learners.add(PolicyLearner.read(readBlock(in), space));
            }
            return new Decoded(strategy, mode, rng, learners, readBlock(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("the strategy state is truncated or corrupt: " + e, e);
        }
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 30) {
            throw new IOException("bad block length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /**
     * The single controller to transfer from: a controller checkpoint, the state of a {@code maml}/{@code taml} (or
     * one-task {@code aml}) run, or of a {@code ppo}/{@code mnms} run with one controller.
     */
    public static PolicyLearner pretrainedLearner(byte[] bytes, SearchSpace space) {
        if (!is(bytes)) {
            return ReinforceStrategy.pretrainedLearner(bytes, space);
        }
        Decoded d = decode(bytes, space);
        if (d.learners().size() != 1) {
            throw new IllegalArgumentException("the earlier run has " + d.learners().size() + " separate controllers"
                    + " (mode single over several tasks); transfer needs one (mode multitask or transfer)");
        }
        return d.learners().get(0);
    }
}
