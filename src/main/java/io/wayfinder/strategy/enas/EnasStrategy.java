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
 */
public final class EnasStrategy implements Strategy {
    private static final Logger LOG = LoggerFactory.getLogger(EnasStrategy.class);

    private final SearchSpace space;
    private final EnasSettings settings;
    private final SupernetSettings net;
    private final Supplier<OneShotModel> factory;
    private final String source;
    private final long seed;
    private OneShotModel model;

    private Rng rng;
    private PolicyLearner learner;
    private double[] weights;
    private SgdMomentum sgd;
    private int epochsDone;
    private int[] served;
    private int[] cell;
    private String pendingNotes;

    public EnasStrategy(SearchSpace space, int taskCount, EnasSettings settings, long seed,
                        Supplier<OneShotModel> factory, String source) {
        this.space = space;
        this.settings = settings;
        this.net = settings.supernet();
        this.factory = factory;
        this.source = source;
        this.seed = seed;
        this.served = new int[taskCount];
        Rng seeds = new Rng(seed ^ 0xE4A5L);
        this.rng = new Rng(seeds.nextLong());
        this.learner = new PolicyLearner(space, 1, settings.learner(), seeds.nextLong());
    }

    @Override
    public String id() {
        return "enas";
    }

    private OneShotModel model() {
        if (model == null) {
            OneShotModel m = factory.get();
            CellSpaces.requireMatch(space, m, source);
            LOG.info("ENAS: {} on {}", m.describe(), m.datasetId());
            model = m;
            if (weights == null) {
                weights = m.initialWeights(new Rng(seed ^ 0x5EEDL).nextLong());
                sgd = new SgdMomentum(weights.length);
            } else if (weights.length != m.parameterCount()) {
                throw new IllegalArgumentException("the saved ENAS state has " + weights.length
                        + " weights, the super-network " + m.parameterCount());
            }
        }
        return model;
    }

    public int epochsDone() {
        return epochsDone;
    }

    @Override
    public Configuration propose(int task) {
        model();
        if (served[task] >= epochsDone && epochsDone < net.epochs()) {
            runEpoch();
        }
        served[task] = epochsDone;
        if (cell == null) {
            cell = learner.sample(0, rng);
        }
        return new Configuration(cell.clone());
    }

    private void runEpoch() {
        long t0 = System.nanoTime();
        double cpu0 = SupernetEpoch.threadCpuSeconds();
        OneShotModel m = model;
        int[] train = Batches.permutation(m.examples(Split.TRAIN), rng);
        int[] val = Batches.permutation(m.examples(Split.VALIDATION), rng);
        int batch = net.batchSize();
        int steps = net.stepsPerEpoch() > 0 ? net.stepsPerEpoch() : Math.max(1, train.length / batch);
        double lr = net.learningRate(epochsDone);
        double[][] noAlphas = new double[m.edges()][m.operations().size()];
        double[] trainLoss = new double[steps];
        double[] trainAcc = new double[steps];
        double[] valLoss = new double[settings.controllerSteps()];
        double[] valAcc = new double[settings.controllerSteps()];
        for (int step = 0; step < steps; step++) {
            int[] path = learner.sample(0, rng);
            Pass p = m.pass(weights, new Mixing(noAlphas, path, 0), Split.TRAIN, Batches.slice(train, step, batch),
                    true, false);
            requireFinite(p);
            sgd.step(weights, p.weightGradient(), lr, net.momentum(), net.weightDecay(), net.gradClip(),
                    active(m, path));
            trainLoss[step] = p.loss();
            trainAcc[step] = p.accuracy();
        }
        for (int step = 0; step < settings.controllerSteps(); step++) {
            int[] path = learner.sample(0, rng);
            Pass v = m.pass(weights, new Mixing(noAlphas, path, 0), Split.VALIDATION,
                    Batches.slice(val, step, batch), false, false);
            double acc = v.accuracy();
            valLoss[step] = v.loss();
            valAcc[step] = acc;
            try {
                learner.update(0, path, acc);
            } catch (RuntimeException e) {
                throw new StrategyDivergedException("ENAS' controller diverged: " + e.getMessage(), e);
            }
        }
        // derive: the best of a few sampled cells on one fixed validation batch
        int[] fixed = Batches.slice(val, 0, Math.min(val.length, Math.max(batch, 250)));
        int[] best = null;
        double bestAcc = -1;
        for (int c = 0; c < settings.candidates(); c++) {
            int[] path = learner.sample(0, rng);
            double acc = m.pass(weights, new Mixing(noAlphas, path, 0), Split.VALIDATION, fixed, false, false)
                    .accuracy();
            if (acc > bestAcc) {
                bestAcc = acc;
                best = path;
            }
        }
        cell = best;
        epochsDone++;
        LOG.info(String.format("ENAS epoch %d/%d: lr %.4f, shared-weight train loss %.3f acc %.3f, controller reward "
                        + "(validation batch accuracy) %.3f, best of %d sampled %s at %.3f, %.1f s", epochsDone,
                net.epochs(), lr, SupernetEpoch.mean(trainLoss), SupernetEpoch.mean(trainAcc), SupernetEpoch.mean(valAcc),
                settings.candidates(), CellSpaces.describe(cell, m.operations()), bestAcc,
                (System.nanoTime() - t0) / 1e9));
        pendingNotes = new SupernetEpoch(id(), epochsDone, net.epochs(), lr, trainLoss, trainAcc, valLoss, valAcc,
                Double.NaN, (System.nanoTime() - t0) / 1e9, SupernetEpoch.threadCpuSeconds() - cpu0,
                CellSpaces.describe(cell, m.operations())).toNotes();
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
        return Optional.of(new PolicySnapshot(observations, task, learner.controller().greedyPolicy(0)));
    }

    @Override
    public void writeState(DataOutputStream out) throws IOException {
        StateCodec.writeRng(out, rng);
        out.writeInt(epochsDone);
        StateCodec.writeInts(out, served);
        out.writeBoolean(cell != null);
        if (cell != null) {
            StateCodec.writeInts(out, cell);
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
        int[] c = in.readBoolean() ? StateCodec.readInts(in) : null;
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
        cell = c;
        learner = l;
    }
}
