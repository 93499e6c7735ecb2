package io.wayfinder.strategy.ppo;

import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.project.Settings;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.PolicyLearners;
import io.wayfinder.strategy.PolicyState;
import io.wayfinder.strategy.Strategy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ppo}: the LSTM controller trained with PPO's clipped surrogate objective (METHOD.md section 2; the T-AML
 * paper's pilot). Each finished trial gets its task's normalised advantage (the same per-task baselines as REINFORCE)
 * and the log-probability the controller gave it when observed; every {@code batch} trials the controller takes
 * {@code epochs} Adam steps on the clipped surrogate over its {@code buffer} most recent trials. The {@code mode}
 * setting arranges the controllers like {@code aml} / {@code maml} / {@code taml} ({@link PolicyLearners}).
 */
public final class PpoStrategy implements Strategy {
    public static final String ID = "ppo";

    private final SearchSpace space;
    private final PpoSettings settings;
    private final PolicyLearners learners;
    private final List<Deque<ClippedSurrogate.Sample>> buffers = new ArrayList<>();
    private final int[] sinceUpdate;
    private Rng rng;
    private double lastClippedShare;

    public PpoStrategy(SearchSpace space, int taskCount, PpoSettings settings, long seed, PolicyLearner pretrained) {
        this.space = space;
        this.settings = settings.withLearner(PolicyLearners.shapedLike(settings.learner(), pretrained));
        Rng seeds = new Rng(seed);
        this.learners = new PolicyLearners(settings.mode(), space, taskCount, this.settings.learner(), seeds,
                pretrained);
        for (int i = 0; i < learners.all().size(); i++) {
            buffers.add(new ArrayDeque<>());
        }
        this.sinceUpdate = new int[learners.all().size()];
        this.rng = seeds.split();
    }

    /** Builds {@code ppo} from a project's settings; {@code pretrained} resolves the transfer source. */
    public static PpoStrategy create(Settings s, SearchSpace space, int taskCount, long seed,
                                     Function<Settings, Optional<byte[]>> pretrained) {
        PpoSettings settings = PpoSettings.parse(s);
        return new PpoStrategy(space, taskCount, settings, seed,
                PolicyLearners.pretrained(ID, settings.mode(), s, space, pretrained));
    }

    @Override
    public String id() {
        return ID;
    }

    public PpoSettings settings() {
        return settings;
    }

    public PolicyLearners learners() {
        return learners;
    }

    /** The share of the last update's samples (last epoch) whose ratio was clipped, for the dashboard and tests. */
    public double lastClippedShare() {
        return lastClippedShare;
    }

    @Override
    public Configuration propose(int task) {
        return new Configuration(learners.learner(task).sample(learners.local(task), rng));
    }

    @Override
    public void observe(Observation o) {
        PolicyLearner l = learners.learner(o.task());
        int local = learners.local(o.task());
        int[] config = o.configuration().indices();
        double advantage = l.baselines().advantage(local, o.reward());
        double logp = l.controller().logProbability(local, config);
        int b = learners.mode() == PolicyLearners.Mode.SINGLE ? o.task() : 0;
        Deque<ClippedSurrogate.Sample> buffer = buffers.get(b);
        buffer.addLast(new ClippedSurrogate.Sample(local, config, advantage, logp));
        while (buffer.size() > settings.buffer()) {
            buffer.removeFirst();
        }
        if (++sinceUpdate[b] >= settings.batch()) {
            sinceUpdate[b] = 0;
            update(l, new ArrayList<>(buffer));
        }
    }

    private void update(PolicyLearner l, List<ClippedSurrogate.Sample> samples) {
        for (int e = 0; e < settings.epochs(); e++) {
            l.controller().zeroGradients();
            lastClippedShare = ClippedSurrogate.accumulate(l.controller(), samples, settings.clip(),
                    settings.learner().entropyWeight());
            l.applyGradients();
        }
    }

    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        return learners.policy(task, observations);
    }

    @Override
    public Optional<double[][]> taskEmbeddings() {
        return learners.taskEmbeddings();
    }

    @Override
    public byte[] state() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(buffers.size());
            for (int b = 0; b < buffers.size(); b++) {
                out.writeInt(sinceUpdate[b]);
                out.writeInt(buffers.get(b).size());
                for (ClippedSurrogate.Sample s : buffers.get(b)) {
                    out.writeInt(s.task());
                    out.writeInt(s.configuration().length);
                    for (int v : s.configuration()) {
                        out.writeInt(v);
                    }
                    out.writeDouble(s.advantage());
                    out.writeDouble(s.oldLogProbability());
                }
            }
            out.writeDouble(lastClippedShare);
            out.flush();
            return PolicyState.encode(ID, learners.mode().id(), rng.state(), learners.all(), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] state) {
        PolicyState.Decoded d = PolicyState.decode(state, space);
        if (!d.strategy().equals(ID) || !d.mode().equals(learners.mode().id())) {
            throw new IllegalArgumentException("the saved state is of strategy " + d.strategy() + " (mode " + d.mode()
                    + "), this run is ppo (mode " + learners.mode().id() + ")");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(d.extra()));
            int n = in.readInt();
            if (n != buffers.size()) {
                throw new IllegalArgumentException("the saved ppo state has " + n + " buffers, this run has "
                        + buffers.size());
            }
            for (int b = 0; b < n; b++) {
                sinceUpdate[b] = in.readInt();
                Deque<ClippedSurrogate.Sample> buffer = buffers.get(b);
                buffer.clear();
                int size = in.readInt();
                for (int i = 0; i < size; i++) {
                    int task = in.readInt();
                    int[] c = new int[in.readInt()];
                    for (int k = 0; k < c.length; k++) {
                        c[k] = in.readInt();
                    }
                    buffer.addLast(new ClippedSurrogate.Sample(task, c, in.readDouble(), in.readDouble()));
                }
            }
            lastClippedShare = in.readDouble();
        } catch (IOException e) {
            throw new IllegalArgumentException("the ppo state is truncated or corrupt: " + e, e);
        }
        learners.replace(d.learners());
        rng = Rng.fromState(d.rng());
    }
}
