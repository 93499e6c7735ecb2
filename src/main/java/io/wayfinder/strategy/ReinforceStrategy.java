package io.wayfinder.strategy;

import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.LstmController;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Policy-gradient search with the LSTM controller (METHOD.md sections 2-3), in three modes:
 * <ul>
 *   <li>{@code aml}: single-task search; a run with several tasks gets one independent controller per task;</li>
 *   <li>{@code maml}: one controller for all the run's tasks, one learned embedding per task;</li>
 *   <li>{@code taml}: like {@code maml}, but every shared weight starts from a pre-trained controller and the run's
 *       tasks get fresh random embeddings.</li>
 * </ul>
 * One Adam update per observed trial, with the task's normalised advantage.
 */
public final class ReinforceStrategy implements Strategy {
    private static final int MAGIC = 0x57465253; // "WFRS"

    /** The three modes, by strategy id. */
    public enum Mode {
        AML("aml"), MAML("maml"), TAML("taml");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Mode> of(String id) {
            for (Mode m : values()) {
                if (m.id.equals(id)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    private final Mode mode;
    private final SearchSpace space;
    private final int taskCount;
    private final List<PolicyLearner> learners = new ArrayList<>();
    private Rng rng;

    /**
     * @param pretrained for {@link Mode#TAML}: the pre-trained learner whose shared weights are copied (required)
     */
    public ReinforceStrategy(Mode mode, SearchSpace space, int taskCount, LearnerSettings settings, long seed,
                             PolicyLearner pretrained) {
        this.mode = mode;
        this.space = space;
        this.taskCount = taskCount;
        Rng seeds = new Rng(seed);
        if (mode == Mode.AML) {
            for (int t = 0; t < taskCount; t++) {
                learners.add(new PolicyLearner(space, 1, settings, seeds.nextLong()));
            }
        } else {
            learners.add(new PolicyLearner(space, taskCount, settings, seeds.nextLong()));
        }
        if (mode == Mode.TAML) {
            if (pretrained == null) {
                throw new IllegalArgumentException("taml needs a pre-trained controller");
            }
            learners.get(0).transferFrom(pretrained);
        }
        this.rng = seeds.split();
    }

    @Override
    public String id() {
        return mode.id();
    }

    public Mode mode() {
        return mode;
    }

    private PolicyLearner learner(int task) {
        return mode == Mode.AML ? learners.get(task) : learners.get(0);
    }

    private int local(int task) {
        return mode == Mode.AML ? 0 : task;
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
        learner(o.task()).update(local(o.task()), o.configuration().indices(), o.reward());
    }

    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        return Optional.of(new PolicySnapshot(observations, task, learner(task).controller().greedyPolicy(local(task))));
    }

    @Override
    public Optional<double[][]> taskEmbeddings() {
        if (mode == Mode.AML) {
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
    public byte[] state() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeUTF(mode.id());
            long[] r = rng.state();
            out.writeInt(r.length);
            for (long s : r) {
                out.writeLong(s);
            }
            out.writeInt(learners.size());
            for (PolicyLearner l : learners) {
                byte[] b = l.checkpoint();
                out.writeInt(b.length);
                out.write(b);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] state) {
        Decoded d = decode(state, space);
        if (!d.mode.equals(mode.id()) || d.learners.size() != learners.size()) {
            throw new IllegalArgumentException("the saved state is of strategy " + d.mode + " with "
                    + d.learners.size() + " controller(s), this run is " + mode.id() + " with " + learners.size());
        }
        learners.clear();
        learners.addAll(d.learners);
        rng = Rng.fromState(d.rng);
    }

    private record Decoded(String mode, long[] rng, List<PolicyLearner> learners) {
    }

    private static Decoded decode(byte[] state, SearchSpace space) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not the state of a policy-gradient strategy (aml, maml, taml)");
            }
            String mode = in.readUTF();
            long[] r = new long[in.readInt()];
            for (int i = 0; i < r.length; i++) {
                r[i] = in.readLong();
            }
            int n = in.readInt();
            List<PolicyLearner> ls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                ls.add(PolicyLearner.read(b, space));
            }
            return new Decoded(mode, r, ls);
        } catch (IOException e) {
            throw new IllegalArgumentException("the strategy state is truncated or corrupt: " + e, e);
        }
    }

    /**
     * The controller to transfer from: either a controller checkpoint file's bytes or the saved state of an earlier
     * {@code maml}/{@code taml} run (or a single-task {@code aml} run).
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
