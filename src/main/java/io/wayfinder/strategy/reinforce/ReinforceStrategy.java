package io.wayfinder.strategy.reinforce;

import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.LstmController;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Policy-gradient search with the LSTM controller (METHOD.md sections 2-3). Its three registrations differ only in
 * how controllers are shared:
 * <ul>
 *   <li>{@code aml}: single-task search; a run with several tasks gets one independent controller per task;</li>
 *   <li>{@code maml}: one controller for all the run's tasks, one learned embedding per task;</li>
 *   <li>{@code taml}: like {@code maml}, but every shared weight starts from a pre-trained controller and the run's
 *       tasks get fresh random embeddings.</li>
 * </ul>
 * One Adam update per observed trial, with the task's normalised advantage.
 */
public final class ReinforceStrategy implements Strategy {
    /** The first state format (before {@link StateCodec}), still read for resuming and transfer. */
    private static final int LEGACY_MAGIC = 0x57465253; // "WFRS"
    /** The ids whose state holds controllers that transfer can start from. */
    static final List<String> IDS = List.of("aml", "maml", "taml");

    private final String id;
    private final boolean shared;
    private final SearchSpace space;
    private final int taskCount;
    private final List<PolicyLearner> learners = new ArrayList<>();
    private Rng rng;

    /**
     * @param id         the strategy id it is registered under
     * @param shared     one controller for all tasks (maml, taml) rather than one per task (aml)
     * @param pretrained the pre-trained learner whose shared weights are copied (taml), or null
     */
    public ReinforceStrategy(String id, boolean shared, SearchSpace space, int taskCount, LearnerSettings settings,
                             long seed, PolicyLearner pretrained) {
        this.id = id;
        this.shared = shared;
        this.space = space;
        this.taskCount = taskCount;
        Rng seeds = new Rng(seed);
        if (!shared) {
            for (int t = 0; t < taskCount; t++) {
                learners.add(new PolicyLearner(space, 1, settings, seeds.nextLong()));
            }
        } else {
            learners.add(new PolicyLearner(space, taskCount, settings, seeds.nextLong()));
        }
        if (pretrained != null) {
            if (!shared) {
                throw new IllegalArgumentException("transfer needs one shared controller");
            }
            learners.get(0).transferFrom(pretrained);
        }
        this.rng = seeds.split();
    }

    @Override
    public String id() {
        return id;
    }

    private PolicyLearner learner(int task) {
        return shared ? learners.get(0) : learners.get(task);
    }

    private int local(int task) {
        return shared ? task : 0;
    }

    @Override
    public Configuration propose(int task) {
        return new Configuration(learner(task).sample(local(task), rng));
    }

    @Override
    public double logProbability(int task, Configuration configuration) {
        return learner(task).controller().logProbability(local(task), configuration.indices());
    }

    @Override
    public void observe(Observation o) {
        try {
            learner(o.task()).update(local(o.task()), o.configuration().indices(), o.reward());
        } catch (io.wayfinder.controller.NonFiniteWeightsException e) {
            throw new io.wayfinder.strategy.StrategyDivergedException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        return Optional.of(new PolicySnapshot(observations, task, learner(task).controller().greedyPolicy(local(task))));
    }

    @Override
    public Optional<double[][]> taskEmbeddings() {
        if (!shared) {
            return Optional.empty();
        }
        LstmController c = learners.get(0).controller();
        double[][] e = new double[taskCount][];
        for (int t = 0; t < taskCount; t++) {
            e[t] = c.taskEmbedding(t);
        }
        return Optional.of(e);
    }

    /** The controller trained for a task (for export and tests). */
    public PolicyLearner learnerFor(int task) {
        return learner(task);
    }

    @Override
    public void writeState(DataOutputStream out) throws IOException {
        StateCodec.writeRng(out, rng);
        out.writeInt(learners.size());
        for (PolicyLearner l : learners) {
            StateCodec.writeBytes(out, l.checkpoint());
        }
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        Rng r = StateCodec.readRng(in);
        int n = in.readInt();
        if (n < 0 || n > 100_000) {
            throw new IOException("impossible controller count " + n);
        }
        List<PolicyLearner> ls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ls.add(PolicyLearner.read(StateCodec.readBytes(in), space));
        }
        install(id, r, ls);
    }

    @Override
    public void restore(byte[] state) {
        if (isLegacy(state)) {
            Decoded d = decodeLegacy(state, space);
            install(d.id, d.rng, d.learners);
            return;
        }
        Strategy.super.restore(state);
    }

    private void install(String savedId, Rng r, List<PolicyLearner> ls) {
        if (!savedId.equals(id) || ls.size() != learners.size()) {
            throw new IllegalArgumentException("the saved state is of strategy " + savedId + " with " + ls.size()
                    + " controller(s), this run is " + id + " with " + learners.size());
        }
        learners.clear();
        learners.addAll(ls);
        rng = r;
    }

    private record Decoded(String id, Rng rng, List<PolicyLearner> learners) {
    }

    private static boolean isLegacy(byte[] b) {
        return b != null && b.length >= 4 && ((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8
                | (b[3] & 0xff)) == LEGACY_MAGIC;
    }

    /** The state of an aml/maml/taml run, in this build's format or the first one. */
    private static Decoded decode(byte[] state, SearchSpace space) {
        if (isLegacy(state)) {
            return decodeLegacy(state, space);
        }
        List<String> kinds = IDS.stream().map(Strategy::stateKind).toList();
        String kind = StateCodec.kindOf(state).orElse(null);
        return StateCodec.decode(state, kinds, 1, (in, version) -> {
            Rng r = StateCodec.readRng(in);
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IOException("impossible controller count " + n);
            }
            List<PolicyLearner> ls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ls.add(PolicyLearner.read(StateCodec.readBytes(in), space));
            }
            return new Decoded(kind.substring("strategy/".length()), r, ls);
        });
    }

    private static Decoded decodeLegacy(byte[] state, SearchSpace space) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
            in.readInt();
            String mode = in.readUTF();
            long[] r = new long[StateCodec.length(in, 8)];
            for (int i = 0; i < r.length; i++) {
                r[i] = in.readLong();
            }
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IOException("impossible controller count " + n);
            }
            List<PolicyLearner> ls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ls.add(PolicyLearner.read(StateCodec.readBytes(in), space));
            }
            if (in.available() > 0) {
                throw new IOException("trailing bytes");
            }
            return new Decoded(mode, Rng.fromState(r), ls);
        } catch (IOException | RuntimeException e) {
            throw new StateCodec.StateFormatException("the saved state (first, unversioned format) is truncated or "
                    + "corrupt: " + e.getMessage());
        }
    }

    /**
     * The controller to transfer from: either a controller checkpoint file's bytes or the saved state of an earlier
     * {@code maml}/{@code taml} run (or a single-task {@code aml} run), in this build's format or the first one.
     *
     * @throws IllegalArgumentException when the bytes hold no single controller for this search space
     */
    public static PolicyLearner pretrainedLearner(byte[] bytes, SearchSpace space) {
        if (PolicyLearner.isCheckpoint(bytes)) {
            return PolicyLearner.read(bytes, space);
        }
        Decoded d = decode(bytes, space);
        if (d.learners.size() != 1) {
            throw new IllegalArgumentException("the earlier run has " + d.learners.size()
                    + " separate controllers (an aml run over several tasks); transfer needs one (maml or taml)");
        }
        return d.learners.get(0);
    }
}
