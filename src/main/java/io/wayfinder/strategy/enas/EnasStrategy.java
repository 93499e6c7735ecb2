package io.wayfinder.strategy.enas;

import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.run.StateCodec;
import io.wayfinder.run.SupernetEpoch;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyDivergedException;
import io.wayfinder.strategy.oneshot.Batches;
import io.wayfinder.strategy.oneshot.CellSpaces;
import io.wayfinder.task.oneshot.SgdMomentum;
import io.wayfinder.strategy.oneshot.SupernetSettings;
import io.wayfinder.task.oneshot.OneShotModel;
import io.wayfinder.task.oneshot.OneShotModel.Block;
import io.wayfinder.task.oneshot.OneShotModel.Mixing;
import io.wayfinder.task.oneshot.OneShotModel.Pass;
import io.wayfinder.task.oneshot.OneShotModel.Split;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ENAS on a weight-sharing super-network. Each proposal first runs one epoch (once per epoch, whichever task asks
 * first): the shared weights take one SGD step per training batch on a path the controller samples (only the sampled
 * operations' weights and the stem and classifier move); then the controller takes {@code controllerSteps} REINFORCE
 * updates, each from one sampled cell's shared-weight accuracy on a validation batch (the run's existing LSTM
 * controller and its per-task baselines). The proposed cell is the best of {@code candidates} sampled cells on one
 * fixed validation batch.
 *
 * <p>Like DARTS, ENAS does not learn from the trials' rewards (for NAS-Bench-201, the table's accuracy of the cell).
 *
 * <p>Multitask ENAS (the survey's row): with one super-network per task ({@code taskData}, e.g. MNIST and
 * Fashion-MNIST), all of them share one weight vector, and one controller with a learned embedding per task (as in
 * M-AML) samples each task's paths; every weight step takes one batch of every task, every controller step one
 * reward per task, and each task gets its own proposed cell.
 */
public final class EnasStrategy implements Strategy {
    private static final Logger LOG = LoggerFactory.getLogger(EnasStrategy.class);

    private final SearchSpace space;
    private final EnasSettings settings;
    private final SupernetSettings net;
    private final List<Supplier<OneShotModel>> factories;
    private final String source;
    private final long seed;
    private final int runTasks;
    private OneShotModel[] models;

    private Rng rng;
    private PolicyLearner learner;
    private double[] weights;
    private SgdMomentum sgd;
    private int epochsDone;
    private int[] served;
    private int[][] cells;
    private String pendingNotes;

    /** Single-task ENAS: one super-network for every task of the run. */
    public EnasStrategy(SearchSpace space, int taskCount, EnasSettings settings, long seed,
                        Supplier<OneShotModel> factory, String source) {
        this(space, taskCount, settings, seed, List.of(factory), source);
    }

    /**
     * @param factories one super-network per controller task: one for all run tasks, or one per run task (multitask
     *                  ENAS; they must have the same weights layout, and share one weight vector)
     */
    public EnasStrategy(SearchSpace space, int taskCount, EnasSettings settings, long seed,
                        List<Supplier<OneShotModel>> factories, String source) {
        if (factories.size() != 1 && factories.size() != taskCount) {
            throw new IllegalArgumentException("one super-network, or one per task (" + taskCount + "), found "
                    + factories.size());
        }
        this.space = space;
        this.settings = settings;
        this.net = settings.supernet();
        this.factories = List.copyOf(factories);
        this.source = source;
        this.seed = seed;
        this.runTasks = taskCount;
        this.served = new int[taskCount];
        this.cells = new int[factories.size()][];
        Rng seeds = new Rng(seed ^ 0xE4A5L);
        this.rng = new Rng(seeds.nextLong());
        this.learner = new PolicyLearner(space, factories.size(), settings.learner(), seeds.nextLong());
    }

    @Override
    public String id() {
        return "enas";
    }

    /** The controller's tasks: 1, or the run's task count in multitask ENAS. */
    public int supernets() {
        return factories.size();
    }

    private int k(int task) {
        return factories.size() == 1 ? 0 : task;
    }

    private OneShotModel[] models() {
        if (models == null) {
            OneShotModel[] ms = new OneShotModel[factories.size()];
            for (int k = 0; k < ms.length; k++) {
                OneShotModel m = factories.get(k).get();
                CellSpaces.requireMatch(space, m, source);
                LOG.info("ENAS{}: {} on {}", ms.length > 1 ? " task " + k : "", m.describe(), m.datasetId());
                if (k > 0 && m.parameterCount() != ms[0].parameterCount()) {
                    throw new IllegalArgumentException("multitask ENAS shares one set of weights, but the "
                            + "super-networks have " + ms[0].parameterCount() + " and " + m.parameterCount()
                            + " weights (same channels and cells, and the same number of classes, are needed)");
                }
                ms[k] = m;
            }
            models = ms;
            if (weights == null) {
                weights = ms[0].initialWeights(new Rng(seed ^ 0x5EEDL).nextLong());
                sgd = new SgdMomentum(weights.length);
            } else if (weights.length != ms[0].parameterCount()) {
                throw new IllegalArgumentException("the saved ENAS state has " + weights.length
                        + " weights, the super-network " + ms[0].parameterCount());
            }
        }
        return models;
    }

    public int epochsDone() {
        return epochsDone;
    }

    @Override
    public Configuration propose(int task) {
        models();
        if (served[task] >= epochsDone && epochsDone < net.epochs()) {
            runEpoch();
        }
        served[task] = epochsDone;
        int k = k(task);
        if (cells[k] == null) {
            cells[k] = learner.sample(k, rng);
        }
        return new Configuration(cells[k].clone());
    }

    private void runEpoch() {
        long t0 = System.nanoTime();
        double cpu0 = SupernetEpoch.threadCpuSeconds();
        OneShotModel[] ms = models;
        int n = ms.length;
        int[][] train = new int[n][];
        int[][] val = new int[n][];
        for (int k = 0; k < n; k++) {
            train[k] = Batches.permutation(ms[k].examples(Split.TRAIN), rng);
            val[k] = Batches.permutation(ms[k].examples(Split.VALIDATION), rng);
        }
        int batch = net.batchSize();
        int smallest = java.util.Arrays.stream(train).mapToInt(t -> t.length).min().orElse(0);
        int steps = net.stepsPerEpoch() > 0 ? net.stepsPerEpoch() : Math.max(1, smallest / batch);
        double lr = net.learningRate(epochsDone);
        double[][] noAlphas = new double[ms[0].edges()][ms[0].operations().size()];
        double[] trainLoss = new double[steps * n];
        double[] trainAcc = new double[steps * n];
        double[] valLoss = new double[settings.controllerSteps() * n];
        double[] valAcc = new double[settings.controllerSteps() * n];
        for (int step = 0; step < steps; step++) {
            for (int k = 0; k < n; k++) {
                int[] path = learner.sample(k, rng);
                Pass p = ms[k].pass(weights, new Mixing(noAlphas, path, 0), Split.TRAIN,
                        Batches.slice(train[k], step, batch), true, false);
                requireFinite(p);
                sgd.step(weights, p.weightGradient(), lr, net.momentum(), net.weightDecay(), net.gradClip(),
                        active(ms[k], path));
                trainLoss[step * n + k] = p.loss();
                trainAcc[step * n + k] = p.accuracy();
            }
        }
        for (int step = 0; step < settings.controllerSteps(); step++) {
            for (int k = 0; k < n; k++) {
                int[] path = learner.sample(k, rng);
                Pass v = ms[k].pass(weights, new Mixing(noAlphas, path, 0), Split.VALIDATION,
                        Batches.slice(val[k], step, batch), false, false);
                double acc = v.accuracy();
                valLoss[step * n + k] = v.loss();
                valAcc[step * n + k] = acc;
                try {
                    learner.update(k, path, acc);
                } catch (RuntimeException e) {
                    throw new StrategyDivergedException("ENAS' controller diverged: " + e.getMessage(), e);
                }
            }
        }
        // derive: per task, the best of a few sampled cells on one fixed validation batch
        StringBuilder found = new StringBuilder();
        for (int k = 0; k < n; k++) {
            int[] fixed = Batches.slice(val[k], 0, Math.min(val[k].length, Math.max(batch, 250)));
            int[] best = null;
            double bestAcc = -1;
            for (int c = 0; c < settings.candidates(); c++) {
                int[] path = learner.sample(k, rng);
                double acc = ms[k].pass(weights, new Mixing(noAlphas, path, 0), Split.VALIDATION, fixed, false,
                        false).accuracy();
                if (acc > bestAcc) {
                    bestAcc = acc;
                    best = path;
                }
            }
            cells[k] = best;
            found.append(n > 1 ? (k == 0 ? "" : "; ") + "task " + k + ": " : "").append(String.format(
                    "best of %d sampled %s at %.3f", settings.candidates(),
                    CellSpaces.describe(best, ms[k].operations()), bestAcc));
        }
        epochsDone++;
        LOG.info(String.format("ENAS epoch %d/%d: lr %.4f, shared-weight train loss %.3f acc %.3f, controller reward "
                        + "(validation batch accuracy) %.3f, %s, %.1f s", epochsDone, net.epochs(), lr,
                SupernetEpoch.mean(trainLoss), SupernetEpoch.mean(trainAcc), SupernetEpoch.mean(valAcc), found,
                (System.nanoTime() - t0) / 1e9));
        StringBuilder described = new StringBuilder();
        for (int k = 0; k < n; k++) {
            described.append(k == 0 ? "" : " / ").append(CellSpaces.describe(cells[k], ms[k].operations()));
        }
        pendingNotes = new SupernetEpoch(id(), epochsDone, net.epochs(), lr, trainLoss, trainAcc, valLoss, valAcc,
                Double.NaN, (System.nanoTime() - t0) / 1e9, SupernetEpoch.threadCpuSeconds() - cpu0,
                described.toString()).toNotes();
    }

    /** The weights a path uses: the stem, the classifier and the sampled operations' own. */
    private static boolean[] active(OneShotModel m, int[] path) {
        boolean[] a = new boolean[m.parameterCount()];
        for (Block b : m.blocks()) {
            if (b.edge() < 0 || path[b.edge()] == b.operation()) {
                for (int i = 0; i < b.length(); i++) {
                    a[b.offset() + i] = true;
                }
            }
        }
        return a;
    }

    private void requireFinite(Pass p) {
        if (!Batches.finite(p.loss(), p.weightGradient())) {
            throw new StrategyDivergedException("ENAS' shared weights diverged (epoch " + (epochsDone + 1)
                    + "); lower weightLr", null);
        }
    }

    @Override
    public Optional<String> proposalNotes(int task) {
        String n = pendingNotes;
        pendingNotes = null;
        return Optional.ofNullable(n);
    }

    @Override
    public void observe(Observation observation) {
        // ENAS' controller learns from shared-weight accuracies during the epoch, never from the trials' rewards
    }

    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        return Optional.of(new PolicySnapshot(observations, task, learner.controller().greedyPolicy(k(task))));
    }

    @Override
    public Optional<double[][]> taskEmbeddings() {
        if (factories.size() < 2) {
            return Optional.empty();
        }
        double[][] e = new double[factories.size()][];
        for (int t = 0; t < e.length; t++) {
            e[t] = learner.controller().taskEmbedding(t);
        }
        return Optional.of(e);
    }

    @Override
    public int stateVersion() {
        return 2;
    }

    @Override
    public void writeState(DataOutputStream out) throws IOException {
        StateCodec.writeRng(out, rng);
        out.writeInt(epochsDone);
        StateCodec.writeInts(out, served);
        out.writeInt(cells.length);
        for (int[] c : cells) {
            out.writeBoolean(c != null);
            if (c != null) {
                StateCodec.writeInts(out, c);
            }
        }
        StateCodec.writeBytes(out, learner.checkpoint());
        out.writeBoolean(weights != null);
        if (weights != null) {
            StateCodec.writeDoubles(out, weights);
            sgd.write(out);
        }
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        Rng r = StateCodec.readRng(in);
        int epochs = in.readInt();
        int[] srv = StateCodec.readInts(in);
        if (srv.length != served.length) {
            throw new IllegalArgumentException("the saved ENAS state is of a run with " + srv.length
                    + " tasks, this run has " + served.length);
        }
        int[][] c;
        if (version < 2) {
            c = new int[][] {in.readBoolean() ? StateCodec.readInts(in) : null};
        } else {
            int count = in.readInt();
            if (count < 1 || count > 10_000) {
                throw new IOException("impossible task count " + count);
            }
            c = new int[count][];
            for (int k = 0; k < count; k++) {
                c[k] = in.readBoolean() ? StateCodec.readInts(in) : null;
            }
        }
        if (c.length != cells.length) {
            throw new IllegalArgumentException("the saved ENAS state has " + c.length + " super-network(s), this "
                    + "run " + cells.length);
        }
        PolicyLearner l = PolicyLearner.read(StateCodec.readBytes(in), space);
        if (in.readBoolean()) {
            double[] w = StateCodec.readDoubles(in);
            SgdMomentum s = new SgdMomentum(w.length);
            s.read(in);
            weights = w;
            sgd = s;
        }
        rng = r;
        epochsDone = epochs;
        served = srv;
        cells = c;
        learner = l;
    }
}
