package io.wayfinder.strategy.ppo;

import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.PolicyLearners;
import io.wayfinder.strategy.PolicyState;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.run.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

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
    public double logProbability(int task, io.wayfinder.space.Configuration configuration) {
        return learners.logProbability(task, configuration);
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
    public void writeState(DataOutputStream out) throws IOException {
        PolicyState.writeHead(out, rng, learners.mode().id(), learners.all());
        out.writeInt(buffers.size());
        for (int b = 0; b < buffers.size(); b++) {
            out.writeInt(sinceUpdate[b]);
            out.writeInt(buffers.get(b).size());
            for (ClippedSurrogate.Sample s : buffers.get(b)) {
                out.writeInt(s.task());
                StateCodec.writeInts(out, s.configuration());
                out.writeDouble(s.advantage());
                out.writeDouble(s.oldLogProbability());
            }
        }
        out.writeDouble(lastClippedShare);
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        PolicyState.Head head = PolicyState.readHead(in, space);
        if (!head.mode().equals(learners.mode().id())) {
            throw new IllegalArgumentException("the saved ppo state is of mode " + head.mode() + ", this run's mode is "
                    + learners.mode().id());
        }
        int n = in.readInt();
        if (n != buffers.size()) {
            throw new IllegalArgumentException("the saved ppo state has " + n + " buffers, this run has "
                    + buffers.size());
        }
        int[] since = new int[n];
        List<Deque<ClippedSurrogate.Sample>> read = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            since[b] = in.readInt();
            Deque<ClippedSurrogate.Sample> buffer = new ArrayDeque<>();
            int size = StateCodec.length(in, 20);
            for (int i = 0; i < size; i++) {
                int task = in.readInt();
                int[] c = StateCodec.readInts(in);
                buffer.addLast(new ClippedSurrogate.Sample(task, c, in.readDouble(), in.readDouble()));
            }
            read.add(buffer);
        }
        double clipped = in.readDouble();
        learners.replace(head.learners());
        for (int b = 0; b < n; b++) {
            sinceUpdate[b] = since[b];
            buffers.get(b).clear();
            buffers.get(b).addAll(read.get(b));
        }
        lastClippedShare = clipped;
        rng = head.rng();
    }
}
