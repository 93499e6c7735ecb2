package io.wayfinder.strategy.darts;

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
import io.wayfinder.task.oneshot.OneShotModel.Mixing;
import io.wayfinder.task.oneshot.OneShotModel.Pass;
import io.wayfinder.task.oneshot.OneShotModel.Split;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DARTS on a weight-sharing super-network. Each proposal first runs one search epoch (for every task of the run the
 * first time it asks after the previous epoch): per step, an architecture step on a validation batch (Adam on the
 * architecture weights; first-order gradient, or second-order: the gradient at the weights after a virtual SGD step,
 * minus the learning rate times a finite-difference Hessian-vector product, as in Liu et al. 2019, eq. 7-8), then a
 * weight step on a training batch (SGD with momentum, cosine-annealed). It proposes the derived cell: per edge the
 * argmax of the architecture weights (over the operations other than {@code none} unless configured otherwise).
 *
 * <p>DARTS does not learn from the trials' rewards: a trial records the derived cell and what the run's task says of
 * it (for NAS-Bench-201, its table accuracy). Its policy for the live view is {@code softmax(alpha)} per edge.
 */
public final class DartsStrategy implements Strategy {
    private static final Logger LOG = LoggerFactory.getLogger(DartsStrategy.class);
    private static final double ADAM_BETA1 = 0.5;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final SearchSpace space;
    private final DartsSettings settings;
    private final SupernetSettings net;
    private final Supplier<OneShotModel> factory;
    private final String source;
    private final long seed;
    private OneShotModel model;

    private Rng rng;
    private double[] weights;
    private SgdMomentum sgd;
    private double[][] alphas;
    private double[] adamM;
    private double[] adamV;
    private long adamSteps;
    private int epochsDone;
    private boolean stopped;
    private int[] served;
    private int[] kept;
    private String pendingNotes;

    /**
     * @param factory builds the super-network on first use (so validating a project loads no data)
     * @param source  the project file, for errors
     */
    public DartsStrategy(SearchSpace space, int taskCount, DartsSettings settings, long seed,
                         Supplier<OneShotModel> factory, String source) {
        this.space = space;
        this.settings = settings;
        this.net = settings.supernet();
        this.factory = factory;
        this.source = source;
        this.seed = seed;
        this.served = new int[taskCount];
        this.rng = new Rng(seed ^ 0xDA475L);
    }

    @Override
    public String id() {
        return "darts";
    }

    private OneShotModel model() {
        if (model == null) {
            OneShotModel m = factory.get();
            CellSpaces.requireMatch(space, m, source);
            LOG.info("DARTS ({} order, remedy {}): {} on {}", settings.secondOrder() ? "second" : "first",
                    settings.remedy(), m.describe(), m.datasetId());
            model = m;
            if (weights == null) {
                Rng init = new Rng(seed ^ 0x5EEDL);
                weights = m.initialWeights(init.nextLong());
                sgd = new SgdMomentum(weights.length);
                alphas = new double[m.edges()][m.operations().size()];
                for (double[] row : alphas) {
                    for (int k = 0; k < row.length; k++) {
                        row[k] = 1e-3 * init.nextGaussian();
                    }
                }
                int n = m.edges() * m.operations().size();
                adamM = new double[n];
                adamV = new double[n];
            } else if (weights.length != m.parameterCount()) {
                throw new IllegalArgumentException("the saved DARTS state has " + weights.length
                        + " weights, the super-network " + m.parameterCount());
            }
        }
        return model;
    }

    /** Whether the search has ended (all epochs run, or stopped early); later proposals repeat the final cell. */
    public boolean finished() {
        return epochsDone >= net.epochs() || stopped;
    }

    public int epochsDone() {
        return epochsDone;
    }

    @Override
    public Configuration propose(int task) {
        model();
        if (served[task] >= epochsDone && !finished()) {
            runEpoch();
        }
        served[task] = epochsDone;
        return new Configuration(cell());
    }

    /** The cell proposed now: the derived one, or the one kept by the early stop. */
    public int[] cell() {
        return stopped && kept != null ? kept.clone() : derive(alphas, settings.excludeNone());
    }

    /** Per edge, the argmax of the architecture weights (ties to the lower index), skipping {@code none} if asked. */
    static int[] derive(double[][] alphas, boolean excludeNone) {
        int[] cell = new int[alphas.length];
        for (int e = 0; e < alphas.length; e++) {
            int best = excludeNone ? 1 : 0;
            for (int k = best + 1; k < alphas[e].length; k++) {
                if (alphas[e][k] > alphas[e][best]) {
                    best = k;
                }
            }
            cell[e] = best;
        }
        return cell;
    }

    private void runEpoch() {
        long t0 = System.nanoTime();
        double cpu0 = SupernetEpoch.threadCpuSeconds();
        OneShotModel m = model;
        int[] train = Batches.permutation(m.examples(Split.TRAIN), rng);
        int[] val = Batches.permutation(m.examples(Split.VALIDATION), rng);
        int batch = net.batchSize();
        int steps = net.stepsPerEpoch() > 0 ? net.stepsPerEpoch()
                : Math.max(1, Math.min(train.length, val.length) / batch);
        double lr = net.learningRate(epochsDone);
        double beta = settings.remedy().equals("darts-minus") ? 1 - (double) epochsDone / net.epochs() : 0;
        double[] trainLoss = new double[steps];
        double[] trainAcc = new double[steps];
        double[] valLoss = new double[steps];
        double[] valAcc = new double[steps];
        for (int step = 0; step < steps; step++) {
            int[] bt = Batches.slice(train, step, batch);
            int[] bv = Batches.slice(val, step, batch);
            Mixing mixing = new Mixing(alphas, null, beta);
            Pass v;
            double[][] ga;
            if (settings.secondOrder()) {
                Unrolled u = unrolledGradient(m, weights, mixing, bt, bv, lr);
                v = u.validation();
                ga = u.alphaGradient();
            } else {
                v = m.pass(weights, mixing, Split.VALIDATION, bv, false, true);
                ga = v.alphaGradient();
            }
            adamStep(ga);
            Pass t = m.pass(weights, new Mixing(alphas, null, beta), Split.TRAIN, bt, true, false);
            requireFinite(t.loss(), t.weightGradient());
            sgd.step(weights, t.weightGradient(), lr, net.momentum(), net.weightDecay(), net.gradClip(), null);
            trainLoss[step] = t.loss();
            trainAcc[step] = t.accuracy();
            valLoss[step] = v.loss();
            valAcc[step] = v.accuracy();
        }
        epochsDone++;
        int[] cell = derive(alphas, settings.excludeNone());
        int skips = CellSpaces.skips(cell, m.operations());
        String note = "";
        if (settings.remedy().equals("early-stop")) {
            if (skips > settings.maxSkips()) {
                stopped = true;
                if (kept == null) {
                    kept = cell;
                }
                note = "; early stop: " + skips + " skip connections > " + settings.maxSkips() + ", keeping "
                        + CellSpaces.describe(kept, m.operations());
            } else {
                kept = cell;
            }
        }
        LOG.info(String.format("DARTS epoch %d/%d: lr %.4f%s, train loss %.3f acc %.3f, validation loss %.3f acc %.3f,"
                        + " alpha entropy %.3f, cell %s (%d skip)%s, %.1f s", epochsDone, net.epochs(), lr,
                beta > 0 ? String.format(", aux skip %.2f", beta) : "", SupernetEpoch.mean(trainLoss),
                SupernetEpoch.mean(trainAcc), SupernetEpoch.mean(valLoss), SupernetEpoch.mean(valAcc), meanEntropy(),
                CellSpaces.describe(cell, m.operations()), skips, note, (System.nanoTime() - t0) / 1e9));
        pendingNotes = new SupernetEpoch(id(), epochsDone, net.epochs(), lr, trainLoss, trainAcc, valLoss, valAcc,
                meanEntropy(), (System.nanoTime() - t0) / 1e9, SupernetEpoch.threadCpuSeconds() - cpu0,
                CellSpaces.describe(cell, m.operations())).toNotes();
    }

    /** The unrolled architecture gradient and the validation pass it made. */
    record Unrolled(double[][] alphaGradient, Pass validation) {
    }

    /**
     * DARTS' second-order architecture gradient: with w' = w - lr (momentum v + dL_train/dw + decay w),
     * {@code dL_val(w', a)/da - lr * (dL_train(w+, a)/da - dL_train(w-, a)/da) / (2 r)}, where
     * {@code w+- = w +- r dL_val(w', a)/dw'} and {@code r = 0.01 / |dL_val/dw'|}.
     */
    Unrolled unrolledGradient(OneShotModel m, double[] w, Mixing mixing, int[] bt, int[] bv, double lr) {
        Pass t = m.pass(w, mixing, Split.TRAIN, bt, true, false);
        requireFinite(t.loss(), t.weightGradient());
        double[] v = sgd.velocity();
        double[] unrolled = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            unrolled[i] = w[i] - lr * (net.momentum() * v[i] + t.weightGradient()[i] + net.weightDecay() * w[i]);
        }
        Pass val = m.pass(unrolled, mixing, Split.VALIDATION, bv, true, true);
        double[] dw = val.weightGradient();
        double norm = 0;
        for (double d : dw) {
            norm += d * d;
        }
        norm = Math.sqrt(norm);
        double[][] ga = val.alphaGradient();
        if (norm == 0) {
            return new Unrolled(ga, val);
        }
        double r = 0.01 / norm;
        double[] plus = new double[w.length];
        double[] minus = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            plus[i] = w[i] + r * dw[i];
            minus[i] = w[i] - r * dw[i];
        }
        double[][] gp = m.pass(plus, mixing, Split.TRAIN, bt, false, true).alphaGradient();
        double[][] gm = m.pass(minus, mixing, Split.TRAIN, bt, false, true).alphaGradient();
        double[][] out = new double[ga.length][];
        for (int e = 0; e < ga.length; e++) {
            out[e] = new double[ga[e].length];
            for (int k = 0; k < ga[e].length; k++) {
                out[e][k] = ga[e][k] - lr * (gp[e][k] - gm[e][k]) / (2 * r);
            }
        }
        return new Unrolled(out, val);
    }

    private void adamStep(double[][] grad) {
        adamSteps++;
        double c1 = 1 - Math.pow(ADAM_BETA1, adamSteps);
        double c2 = 1 - Math.pow(ADAM_BETA2, adamSteps);
        int i = 0;
        for (int e = 0; e < alphas.length; e++) {
            for (int k = 0; k < alphas[e].length; k++, i++) {
                double g = grad[e][k] + settings.alphaWeightDecay() * alphas[e][k];
                if (!Double.isFinite(g)) {
                    throw new StrategyDivergedException("DARTS' architecture gradient is not finite (epoch "
                            + (epochsDone + 1) + "); lower alphaLr or weightLr", null);
                }
                adamM[i] = ADAM_BETA1 * adamM[i] + (1 - ADAM_BETA1) * g;
                adamV[i] = ADAM_BETA2 * adamV[i] + (1 - ADAM_BETA2) * g * g;
                alphas[e][k] -= settings.alphaLr() * (adamM[i] / c1) / (Math.sqrt(adamV[i] / c2) + ADAM_EPSILON);
            }
        }
    }

    private void requireFinite(double loss, double[] gradient) {
        if (!Batches.finite(loss, gradient)) {
            throw new StrategyDivergedException("DARTS' super-network diverged (epoch " + (epochsDone + 1)
                    + ": loss " + loss + "); lower weightLr", null);
        }
    }

    /** The weights' momentum buffer (for tests of the unrolled gradient). */
    double[] momentumForTest() {
        return sgd.velocity().clone();
    }

    /** Per edge, softmax of the architecture weights. */
    public double[][] probabilities() {
        double[][] p = new double[alphas.length][];
        for (int e = 0; e < alphas.length; e++) {
            double max = Arrays.stream(alphas[e]).max().orElse(0);
            double sum = 0;
            p[e] = new double[alphas[e].length];
            for (int k = 0; k < p[e].length; k++) {
                p[e][k] = Math.exp(alphas[e][k] - max);
                sum += p[e][k];
            }
            for (int k = 0; k < p[e].length; k++) {
                p[e][k] /= sum;
            }
        }
        return p;
    }

    /** The mean over edges of the entropy (nats) of softmax(alpha); log(5) = 1.609 is uniform. */
    public double meanEntropy() {
        double h = 0;
        double[][] p = probabilities();
        for (double[] row : p) {
            for (double q : row) {
                h -= q > 0 ? q * Math.log(q) : 0;
            }
        }
        return h / p.length;
    }

    @Override
    public Optional<String> proposalNotes(int task) {
        String n = pendingNotes;
        pendingNotes = null;
        return Optional.ofNullable(n);
    }

    @Override
    public void observe(Observation observation) {
        // DARTS learns from its own gradients, never from the trials' rewards
    }

    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        if (alphas == null) {
            return Optional.empty();
        }
        double[][] p = probabilities();
        float[][] f = new float[p.length][];
        for (int e = 0; e < p.length; e++) {
            f[e] = new float[p[e].length];
            for (int k = 0; k < f[e].length; k++) {
                f[e][k] = (float) p[e][k];
            }
        }
        return Optional.of(new PolicySnapshot(observations, task, f));
    }

    @Override
    public void writeState(DataOutputStream out) throws IOException {
        StateCodec.writeRng(out, rng);
        out.writeInt(epochsDone);
        out.writeBoolean(stopped);
        StateCodec.writeInts(out, served);
        out.writeBoolean(kept != null);
        if (kept != null) {
            StateCodec.writeInts(out, kept);
        }
        out.writeBoolean(weights != null);
        if (weights != null) {
            StateCodec.writeDoubles(out, weights);
            sgd.write(out);
            out.writeInt(alphas.length);
            for (double[] row : alphas) {
                StateCodec.writeDoubles(out, row);
            }
            StateCodec.writeDoubles(out, adamM);
            StateCodec.writeDoubles(out, adamV);
            out.writeLong(adamSteps);
        }
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        Rng r = StateCodec.readRng(in);
        int epochs = in.readInt();
        boolean stop = in.readBoolean();
        int[] srv = StateCodec.readInts(in);
        if (srv.length != served.length) {
            throw new IllegalArgumentException("the saved DARTS state is of a run with " + srv.length
                    + " tasks, this run has " + served.length);
        }
        int[] keep = in.readBoolean() ? StateCodec.readInts(in) : null;
        if (in.readBoolean()) {
            double[] w = StateCodec.readDoubles(in);
            SgdMomentum s = new SgdMomentum(w.length);
            s.read(in);
            int edges = in.readInt();
            if (edges < 1 || edges > 1000) {
                throw new IOException("impossible edge count " + edges);
            }
            double[][] a = new double[edges][];
            for (int e = 0; e < edges; e++) {
                a[e] = StateCodec.readDoubles(in);
            }
            double[] m = StateCodec.readDoubles(in);
            double[] v = StateCodec.readDoubles(in);
            long steps = in.readLong();
            weights = w;
            sgd = s;
            alphas = a;
            adamM = m;
            adamV = v;
            adamSteps = steps;
        }
        rng = r;
        epochsDone = epochs;
        stopped = stop;
        served = srv;
        kept = keep;
        if (model != null && weights != null && weights.length != model.parameterCount()) {
            throw new IllegalArgumentException("the saved DARTS state has " + weights.length
                    + " weights, the super-network " + model.parameterCount());
        }
    }
}
