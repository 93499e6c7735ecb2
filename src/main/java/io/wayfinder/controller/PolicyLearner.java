package io.wayfinder.controller;

import io.wayfinder.run.Rng;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * An {@link LstmController} trained with REINFORCE: per-task normalised advantages ({@link TaskBaselines}), an
 * entropy bonus, and one Adam step per finished trial (batch size 1). Its {@link #checkpoint()} carries the
 * search-space hash, so loading it into a controller for another space is refused with a clear message.
 */
public final class PolicyLearner {
    /** The first checkpoint format (before {@link StateCodec}): magic "WFCT", version 1, no checksum; still read. */
    private static final int LEGACY_MAGIC = 0x57464354;
    private static final int LEGACY_VERSION = 1;
    /** The {@link StateCodec} kind of a checkpoint. */
    public static final String KIND = "controller";
    /** Payload version 2: the layout of legacy version 1, inside the checksummed envelope. */
    private static final int VERSION = 2;

    private final String spaceHash;
    private final LearnerSettings settings;
    private final LstmController controller;
    private final Adam adam;
    private final TaskBaselines baselines;

    public PolicyLearner(SearchSpace space, int tasks, LearnerSettings settings, long seed) {
        this.spaceHash = SearchSpaceCodec.hash(space);
        this.settings = settings;
        this.controller = new LstmController(space, tasks, settings.controller(), new Rng(seed));
        this.adam = new Adam(controller.parameters().length, settings.learningRate());
        this.baselines = new TaskBaselines(tasks, settings.baselineDecay());
    }

    public LstmController controller() {
        return controller;
    }

    public LearnerSettings settings() {
        return settings;
    }

    public String spaceHash() {
        return spaceHash;
    }

    /** Samples a configuration for a task. */
    public int[] sample(int task, Rng rng) {
        return controller.sample(task, rng);
    }

    /**
     * Learns from one finished trial: advantage from the task's baselines, gradient of
     * {@code -A log pi(config) - entropy * H}, one Adam step. Returns the advantage used.
     */
    public double update(int task, int[] configuration, double reward) {
        double advantage = baselines.advantage(task, reward);
        controller.zeroGradients();
        controller.accumulateGradient(task, configuration, advantage, settings.entropyWeight());
        adam.step(controller.parameters(), controller.gradients());
        double[] w = controller.parameters();
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new NonFiniteWeightsException("the controller's weights became non-finite at update "
                        + (adam.steps()) + " (learning rate " + settings.learningRate() + "; lower it)");
            }
        }
        controller.weightsChanged();
        return advantage;
    }

    /**
     * One Adam step with the gradient accumulated in the controller (for learners other than REINFORCE, e.g. PPO's
     * clipped surrogate or an off-policy actor-critic), then marks the weights as changed.
     */
    public void applyGradients() {
        adam.step(controller.parameters(), controller.gradients());
        controller.weightsChanged();
    }

    public long updates() {
        return adam.steps();
    }

    public TaskBaselines baselines() {
        return baselines;
    }

    /**
     * Transfer (T-AML): copies every shared weight of a pre-trained learner for the same search space; this
     * learner's task embeddings stay freshly random, its baselines and optimiser start fresh.
     *
     * @throws IllegalArgumentException when the search spaces or controller shapes differ
     */
    public void transferFrom(PolicyLearner pretrained) {
        if (!pretrained.spaceHash.equals(spaceHash)) {
            throw new IllegalArgumentException("the pre-trained controller was trained on another search space (hash "
                    + pretrained.spaceHash.substring(0, 12) + "..., this run's space has " + spaceHash.substring(0, 12)
                    + "...)");
        }
        if (!pretrained.settings.controller().equals(settings.controller())) {
            throw new IllegalArgumentException("the pre-trained controller has another shape: "
                    + pretrained.settings.controller() + ", this run asks for " + settings.controller());
        }
        controller.copySharedFrom(pretrained.controller);
    }

    /**
     * Everything needed to continue exactly: weights, Adam moments, baselines, settings, search-space hash, in
     * {@link StateCodec}'s versioned, checksummed envelope (kind {@value #KIND}).
     */
    public byte[] checkpoint() {
        return StateCodec.encode(KIND, VERSION, out -> {
            out.writeUTF(spaceHash);
            settings.write(out);
            out.writeInt(controller.taskCount());
            writeArray(out, controller.parameters());
            out.writeLong(adam.steps());
            writeArray(out, adam.firstMoments());
            writeArray(out, adam.secondMoments());
            writeArray(out, baselines.state());
        });
    }

    /** Whether bytes look like a {@link #checkpoint()} (of this build or the first, unversioned format). */
    public static boolean isCheckpoint(byte[] bytes) {
        return StateCodec.kindOf(bytes).filter(KIND::equals).isPresent() || isLegacy(bytes);
    }

    private static boolean isLegacy(byte[] bytes) {
        return bytes.length >= 4 && ((bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8
                | (bytes[3] & 0xff)) == LEGACY_MAGIC;
    }

    /**
     * Reads a checkpoint for a search space: this build's format, or the first format ("WFCT" version 1).
     *
     * @throws IllegalArgumentException when the bytes are not a checkpoint, are truncated or corrupt, or were written
     *                                  for another space
     */
    public static PolicyLearner read(byte[] bytes, SearchSpace space) {
        if (isLegacy(bytes)) {
            try {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                in.readInt();
                int version = in.readInt();
                if (version != LEGACY_VERSION) {
                    throw new IllegalArgumentException("controller checkpoint version " + version
                            + " is not supported (this build reads the versioned format and the first one)");
                }
                PolicyLearner learner = readPayload(in, space);
                if (in.available() > 0) {
                    throw new IllegalArgumentException("the controller checkpoint has unexpected trailing bytes");
                }
                return learner;
            } catch (IOException e) {
                throw new IllegalArgumentException("the controller checkpoint is truncated or corrupt: " + e, e);
            }
        }
        return StateCodec.decode(bytes, List.of(KIND), VERSION, (in, version) -> readPayload(in, space));
    }

    private static PolicyLearner readPayload(DataInputStream in, SearchSpace space) throws IOException {
        String hash = in.readUTF();
        String expected = SearchSpaceCodec.hash(space);
        if (!hash.equals(expected)) {
            throw new IllegalArgumentException("the controller checkpoint belongs to another search space (hash "
                    + hash.substring(0, Math.min(12, hash.length())) + "..., expected " + expected.substring(0, 12)
                    + "... for " + space.name() + ")");
        }
        LearnerSettings settings;
        try {
            settings = LearnerSettings.read(in);
        } catch (IllegalArgumentException e) {
            throw new IOException("impossible controller settings: " + e.getMessage());
        }
        int tasks = in.readInt();
        if (tasks < 1 || tasks > 100_000) {
            throw new IOException("impossible task count " + tasks);
        }
        PolicyLearner learner = new PolicyLearner(space, tasks, settings, 0);
        double[] params = readArray(in);
        if (params.length != learner.controller.parameters().length) {
            throw new IllegalArgumentException("the controller checkpoint has " + params.length
                    + " weights, expected " + learner.controller.parameters().length);
        }
        for (double w : params) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("the controller checkpoint holds non-finite weights (NaN or "
                        + "infinite): it is corrupt, or was saved from a diverged run");
            }
        }
        System.arraycopy(params, 0, learner.controller.parameters(), 0, params.length);
        long steps = in.readLong();
        learner.adam.restore(steps, readArray(in), readArray(in));
        learner.baselines.restore(readArray(in));
        learner.controller.weightsChanged();
        return learner;
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        StateCodec.writeDoubles(out, a);
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        return StateCodec.readDoubles(in);
    }
}
