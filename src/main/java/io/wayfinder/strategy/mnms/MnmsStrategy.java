package io.wayfinder.strategy.mnms;

import io.wayfinder.controller.Critic;
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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mnms}: the off-policy actor-critic of Multitask Neural Model Search (seed 000; METHOD.md section 2).
 * <ul>
 *   <li>The actor is the LSTM controller (task embeddings in {@code multitask} mode, the default); it proposes.</li>
 *   <li>Every finished trial enters a replay bank as (task, configuration, reward, behaviour log-probability), the
 *       reward cubed by default (the paper's accuracy cubed, sign kept).</li>
 *   <li>The critic ({@link Critic}) regresses each task's standardised reward (running mean and deviation of that
 *       task's rewards) on minibatches from the bank; its Polyak-averaged target copy gives the baseline
 *       {@code V(t) = E_{c ~ pi(.|t)} Q_target(t, c)}, estimated with a few configurations drawn from the actor.</li>
 *   <li>The actor's update is off-policy: for a minibatch from the bank (always holding the newest trial), the
 *       gradient of {@code -(1/n) sum rho_i A_i log pi(c_i | t_i)} with advantage {@code A = z - V(t)} (clipped to
 *       +-5) and truncated importance weight {@code rho = min(cap, pi(c|t) / mu(c|t))}, plus the entropy bonus.</li>
 *   <li>Transfer ({@code mode: transfer}): shared actor weights from a pre-trained controller, a fresh embedding, and
 *       a fresh replay bank and critic for the new task (as the paper restarts its bank).</li>
 * </ul>
 */
public final class MnmsStrategy implements Strategy {
    public static final String ID = "mnms";
    private static final double ADVANTAGE_CLIP = 5;

    /** One replayed trial. */
    record Entry(int task, int[] configuration, double reward, double behaviourLogProbability) {
    }

    private final SearchSpace space;
    private final int taskCount;
    private final MnmsSettings settings;
    private final PolicyLearners learners;
    private final Critic critic;
    private final Deque<Entry> bank = new ArrayDeque<>();
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    private Rng rng;
    private double lastCriticLoss = Double.NaN;

    public MnmsStrategy(SearchSpace space, int taskCount, MnmsSettings settings, long seed, PolicyLearner pretrained) {
        this.space = space;
        this.taskCount = taskCount;
        this.settings = settings.withLearner(PolicyLearners.shapedLike(settings.learner(), pretrained));
        Rng seeds = new Rng(seed);
        this.learners = new PolicyLearners(settings.mode(), space, taskCount, this.settings.learner(), seeds,
                pretrained);
        this.critic = new Critic(space, taskCount, settings.criticHidden(), settings.criticLearningRate(),
                seeds.split());
        this.count = new long[taskCount];
        this.mean = new double[taskCount];
        this.m2 = new double[taskCount];
        this.rng = seeds.split();
    }

    @Override
    public String id() {
        return ID;
    }

    public MnmsSettings settings() {
        return settings;
    }

    public PolicyLearners learners() {
        return learners;
    }

    public Critic critic() {
        return critic;
    }

    public int bankSize() {
        return bank.size();
    }

    /** The critic's regression loss on its last minibatch (standardised units), NaN before the first. */
    public double lastCriticLoss() {
        return lastCriticLoss;
    }

    @Override
    public Configuration propose(int task) {
        return new Configuration(learners.learner(task).sample(learners.local(task), rng));
    }

    @Override
    public void observe(Observation o) {
        int task = o.task();
        double r = settings.cubeReward() ? o.reward() * o.reward() * o.reward() : o.reward();
        count[task]++;
        double d = r - mean[task];
        mean[task] += d / count[task];
        m2[task] += d * (r - mean[task]);
        int[] config = o.configuration().indices();
        double logMu = learners.learner(task).controller().logProbability(learners.local(task), config);
        bank.addLast(new Entry(task, config, r, logMu));
        while (bank.size() > settings.bank()) {
            bank.removeFirst();
        }
        List<Entry> batch = minibatch();
        List<Critic.Example> examples = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            examples.add(new Critic.Example(e.task(), e.configuration(), standardised(e.task(), e.reward())));
        }
        lastCriticLoss = critic.train(examples, settings.polyak());
        updateActor(batch);
    }

    /** The newest trial and {@code minibatch - 1} drawn uniformly (with replacement) from the bank. */
    private List<Entry> minibatch() {
        List<Entry> all = new ArrayList<>(bank);
        List<Entry> batch = new ArrayList<>(settings.minibatch());
        batch.add(all.get(all.size() - 1));
        for (int i = 1; i < settings.minibatch(); i++) {
            batch.add(all.get(rng.nextInt(all.size())));
        }
        return batch;
    }

    private double standardised(int task, double reward) {
        double sd = count[task] > 1 ? Math.sqrt(m2[task] / (count[task] - 1)) : 0;
        return sd > 1e-12 ? (reward - mean[task]) / sd : 0;
    }

    /** {@code E_{c ~ pi(.|t)} Q_target(t, c)} from a few configurations drawn from the actor. */
    double baseline(int task) {
        PolicyLearner l = learners.learner(task);
        double sum = 0;
        for (int i = 0; i < settings.baselineSamples(); i++) {
            sum += critic.predictTarget(task, l.sample(learners.local(task), rng));
        }
        return sum / settings.baselineSamples();
    }

    private void updateActor(List<Entry> batch) {
        Map<Integer, Double> baselines = new HashMap<>();
        Map<PolicyLearner, Boolean> touched = new IdentityHashMap<>();
        List<Entry> usable = new ArrayList<>();
        for (Entry e : batch) {
            if (count[e.task()] > 1) {
                usable.add(e);
                baselines.computeIfAbsent(e.task(), this::baseline);
            }
        }
        if (usable.isEmpty()) {
            return;
        }
        int n = usable.size();
        for (Entry e : usable) {
            PolicyLearner l = learners.learner(e.task());
            if (touched.put(l, Boolean.TRUE) == null) {
                l.controller().zeroGradients();
            }
            int local = learners.local(e.task());
            double logPi = l.controller().logProbability(local, e.configuration());
            double rho = Math.min(settings.importanceCap(), Math.exp(logPi - e.behaviourLogProbability()));
            double a = standardised(e.task(), e.reward()) - baselines.get(e.task());
            a = Math.max(-ADVANTAGE_CLIP, Math.min(ADVANTAGE_CLIP, a));
            l.controller().accumulateGradient(local, e.configuration(), rho * a / n,
                    settings.learner().entropyWeight() / n);
        }
        for (PolicyLearner l : learners.all()) {
            if (touched.containsKey(l)) {
                l.applyGradients();
            }
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
        out.writeInt(taskCount);
        for (int t = 0; t < taskCount; t++) {
            out.writeLong(count[t]);
            out.writeDouble(mean[t]);
            out.writeDouble(m2[t]);
        }
        out.writeInt(bank.size());
        for (Entry e : bank) {
            out.writeInt(e.task());
            StateCodec.writeInts(out, e.configuration());
            out.writeDouble(e.reward());
            out.writeDouble(e.behaviourLogProbability());
        }
        critic.write(out);
        out.writeDouble(lastCriticLoss);
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        PolicyState.Head head = PolicyState.readHead(in, space);
        if (!head.mode().equals(learners.mode().id())) {
            throw new IllegalArgumentException("the saved mnms state is of mode " + head.mode() + ", this run's mode "
                    + "is " + learners.mode().id());
        }
        int tasks = in.readInt();
        if (tasks != taskCount) {
            throw new IllegalArgumentException("the saved mnms state has " + tasks + " tasks, this run has "
                    + taskCount);
        }
        for (int t = 0; t < taskCount; t++) {
            count[t] = in.readLong();
            mean[t] = in.readDouble();
            m2[t] = in.readDouble();
        }
        bank.clear();
        int n = StateCodec.length(in, 24);
        for (int i = 0; i < n; i++) {
            int task = in.readInt();
            int[] c = StateCodec.readInts(in);
            bank.addLast(new Entry(task, c, in.readDouble(), in.readDouble()));
        }
        critic.read(in);
        lastCriticLoss = in.readDouble();
        learners.replace(head.learners());
        rng = head.rng();
    }
}
