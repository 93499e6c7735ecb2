package io.wayfinder.strategy.tpe;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.DecisionDensities;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TPE, the Tree-structured Parzen Estimator (Bergstra et al. 2011), over Wayfinder's search-space model: every slot
 * of the flattened space (a categorical decision, a decision inside a repeated block, a skip decision) is a
 * categorical variable. Per task, the observations are split by reward into the best {@code gamma} share (at most
 * {@code maxGood}), the good set, and the rest; each set gives a Parzen density, l(x) and g(x), a mixture of one
 * kernel per observation plus a uniform prior. A kernel puts most of its mass on the observation's choice and the rest
 * evenly on the others (Optuna's categorical kernel), and older observations weigh less once there are more than
 * 25. A proposal draws {@code candidates} configurations from l and keeps the one with the highest l(x) / g(x).
 * <ul>
 *   <li>multivariate (default): one kernel per observation over all slots jointly, so choices that work together are
 *       proposed together (Falkner et al. 2018's product kernel);</li>
 *   <li>univariate: each slot drawn and scored on its own, as in the original TPE.</li>
 * </ul>
 * With {@code distinct} (default) a configuration the task has already observed is never proposed again. With
 * {@code neighbours} k (default 10), every configuration one decision away from the k best observations joins the
 * candidates too, so the l/g ratio also chooses among the closest variations of what worked (defaults chosen on
 * NAS-Bench-201 seeds 1001-1020 only; see resources/benchmarks.md). Each task of a run has its own observations and
 * model.
 */
public final class TreeParzenEstimator implements Strategy {
    /** Observations after which older ones weigh less (Optuna's default weights). */
    static final int FLAT_WEIGHTS = 25;
    private static final int MAX_REDRAWS = 64;

    private final int[] sizes;
    private final TpeSettings settings;
    private final List<List<int[]>> configurations = new ArrayList<>();
    private final List<List<Double>> rewards = new ArrayList<>();
    private final List<Set<Configuration>> seen = new ArrayList<>();
    private Rng rng;

    public TreeParzenEstimator(SearchSpace space, int taskCount, TpeSettings settings, long seed) {
        this.sizes = space.slotSizes();
        this.settings = settings;
        for (int t = 0; t < taskCount; t++) {
            configurations.add(new ArrayList<>());
            rewards.add(new ArrayList<>());
            seen.add(new HashSet<>());
        }
        this.rng = new Rng(seed);
    }

    @Override
    public String id() {
        return "tpe";
    }

    public TpeSettings settings() {
        return settings;
    }

    @Override
    public Configuration propose(int task) {
        Set<Configuration> done = seen.get(task);
        if (configurations.get(task).size() < settings.startup()) {
            return uniformUnseen(done);
        }
        Model m = model(task);
        Configuration best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int drawn = 0;
        for (int redraw = 0; redraw < MAX_REDRAWS && (best == null || drawn < settings.candidates()); redraw++) {
            for (int c = 0; c < settings.candidates(); c++) {
                int[] x = settings.multivariate() ? m.good.sampleJoint(rng) : m.good.sampleIndependent(rng);
                Configuration candidate = new Configuration(x);
                drawn++;
                if (settings.distinct() && done.contains(candidate)) {
                    continue;
                }
                double score = settings.multivariate() ? m.good.logJoint(x) - m.bad.logJoint(x)
                        : m.good.logIndependent(x) - m.bad.logIndependent(x);
                if (score > bestScore) {
                    bestScore = score;
                    best = candidate;
                }
            }
        }
        if (settings.neighbours() > 0) {
            for (int k = 0; k < Math.min(settings.neighbours(), m.best.size()); k++) {
                int[] centre = m.best.get(k);
                for (int slot = 0; slot < sizes.length; slot++) {
                    for (int c = 0; c < sizes[slot]; c++) {
                        if (c == centre[slot]) {
                            continue;
                        }
                        int[] x = centre.clone();
                        x[slot] = c;
                        Configuration candidate = new Configuration(x);
                        if (settings.distinct() && done.contains(candidate)) {
                            continue;
                        }
                        double score = settings.multivariate() ? m.good.logJoint(x) - m.bad.logJoint(x)
                                : m.good.logIndependent(x) - m.bad.logIndependent(x);
                        if (score > bestScore) {
                            bestScore = score;
                            best = candidate;
                        }
                    }
                }
            }
        }
        return best != null ? best : uniformUnseen(done);
    }

    private Configuration uniformUnseen(Set<Configuration> done) {
        Configuration c = null;
        for (int i = 0; i < 1000; i++) {
            int[] idx = new int[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                idx[s] = rng.nextInt(sizes[s]);
            }
            c = new Configuration(idx);
            if (!settings.distinct() || !done.contains(c)) {
                return c;
            }
        }
        return c;
    }

    @Override
    public void observe(Observation o) {
        int[] x = o.configuration().indices();
        if (x.length != sizes.length) {
            throw new IllegalArgumentException("a configuration of " + x.length + " slots, the space has "
                    + sizes.length);
        }
        configurations.get(o.task()).add(x);
        rewards.get(o.task()).add(Double.isFinite(o.reward()) ? o.reward() : Double.NEGATIVE_INFINITY);
        seen.get(o.task()).add(o.configuration());
    }

    /** The good and bad densities of a task now, and its observations best first. */
    private record Model(Parzen good, Parzen bad, int goodCount, List<int[]> best) {
    }

    private Model model(int task) {
        List<int[]> xs = configurations.get(task);
        List<Double> ys = rewards.get(task);
        int n = xs.size();
        int nGood = Math.min(settings.maxGood(), Math.max(1, (int) Math.ceil(settings.gamma() * n)));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // best first; ties by trial order, so the split is deterministic
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(ys.get(b), ys.get(a));
            return c != 0 ? c : Integer.compare(a, b);
        });
        boolean[] good = new boolean[n];
        for (int i = 0; i < Math.min(nGood, n); i++) {
            good[order[i]] = true;
        }
        List<int[]> gx = new ArrayList<>();
        List<int[]> bx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (good[i] ? gx : bx).add(xs.get(i));
        }
        List<int[]> best = new ArrayList<>();
        for (int i = 0; i < Math.min(settings.neighbours(), n); i++) {
            best.add(xs.get(order[i]));
        }
        return new Model(new Parzen(sizes, gx, settings.priorWeight()), new Parzen(sizes, bx, settings.priorWeight()),
                gx.size(), best);
    }

    /**
     * A Parzen density over configurations: a mixture of one categorical kernel per observation (in trial order) and
     * the uniform prior as last component.
     */
    static final class Parzen {
        private final int[] sizes;
        private final List<int[]> points;
        /** Mixture weights, normalised; the last one is the prior's. */
        private final double[] weights;
        /** Per slot: a kernel's mass on its own choice and on each other choice. */
        private final double[] own;
        private final double[] other;
        private final double[] logWeights;
        private final double[] logOwn;
        private final double[] logOther;
        private final double[] logUniform;

        Parzen(int[] sizes, List<int[]> points, double priorWeight) {
            this.sizes = sizes;
            this.points = points;
            int n = points.size();
            this.weights = new double[n + 1];
            double[] w = observationWeights(n);
            double total = priorWeight;
            for (int i = 0; i < n; i++) {
                weights[i] = w[i];
                total += w[i];
            }
            weights[n] = priorWeight;
            for (int i = 0; i <= n; i++) {
                weights[i] /= total;
            }
            this.own = new double[sizes.length];
            this.other = new double[sizes.length];
            int kernels = n + 1;
            for (int s = 0; s < sizes.length; s++) {
                double floor = priorWeight / kernels;
                double norm = 1 + sizes[s] * floor;
                own[s] = (1 + floor) / norm;
                other[s] = floor / norm;
            }
            this.logWeights = new double[weights.length];
            for (int k = 0; k < weights.length; k++) {
                logWeights[k] = Math.log(weights[k]);
            }
            this.logOwn = new double[sizes.length];
            this.logOther = new double[sizes.length];
            this.logUniform = new double[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                logOwn[s] = Math.log(own[s]);
                logOther[s] = Math.log(other[s]);
                logUniform[s] = -Math.log(sizes[s]);
            }
        }

        /** Optuna's default: flat up to 25 observations, then the older ones ramp down linearly from 1/n. */
        static double[] observationWeights(int n) {
            double[] w = new double[n];
            Arrays.fill(w, 1.0);
            if (n >= FLAT_WEIGHTS) {
                int ramp = n - FLAT_WEIGHTS;
                for (int i = 0; i < ramp; i++) {
                    w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
                }
            }
            return w;
        }

        private int component(Rng rng) {
            double u = rng.nextDouble();
            double acc = 0;
            for (int i = 0; i < weights.length; i++) {
                acc += weights[i];
                if (u < acc) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        private int sampleSlot(int k, int s, Rng rng) {
            if (k == points.size()) {
                return rng.nextInt(sizes[s]);
            }
            int centre = points.get(k)[s];
            if (sizes[s] == 1 || rng.nextDouble() < own[s]) {
                return centre;
            }
            int shift = 1 + rng.nextInt(sizes[s] - 1);
            return (centre + shift) % sizes[s];
        }

        /** One draw from the joint mixture: pick a kernel, then every slot from it. */
        int[] sampleJoint(Rng rng) {
            int k = component(rng);
            int[] x = new int[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                x[s] = sampleSlot(k, s, rng);
            }
            return x;
        }

        /** Every slot from its own marginal mixture (univariate TPE). */
        int[] sampleIndependent(Rng rng) {
            int[] x = new int[sizes.length];
            for (int s = 0; s < sizes.length; s++) {
                x[s] = sampleSlot(component(rng), s, rng);
            }
            return x;
        }

        private double kernel(int k, int s, int choice) {
            if (k == points.size()) {
                return 1.0 / sizes[s];
            }
            return points.get(k)[s] == choice ? own[s] : other[s];
        }

        /** log of the joint mixture density. */
        double logJoint(int[] x) {
            double[] logs = new double[weights.length];
            double max = Double.NEGATIVE_INFINITY;
            int n = points.size();
            for (int k = 0; k < weights.length; k++) {
                double l = logWeights[k];
                if (k == n) {
                    for (int s = 0; s < sizes.length; s++) {
                        l += logUniform[s];
                    }
                } else {
                    int[] p = points.get(k);
                    for (int s = 0; s < sizes.length; s++) {
                        l += p[s] == x[s] ? logOwn[s] : logOther[s];
                    }
                }
                logs[k] = l;
                max = Math.max(max, l);
            }
            double sum = 0;
            for (double l : logs) {
                sum += Math.exp(l - max);
            }
            return max + Math.log(sum);
        }

        /** The marginal density of one slot's choice. */
        double marginal(int s, int choice) {
            double p = 0;
            for (int k = 0; k < weights.length; k++) {
                p += weights[k] * kernel(k, s, choice);
            }
            return p;
        }

        /** Sum over slots of the log marginal densities (the univariate model). */
        double logIndependent(int[] x) {
            double l = 0;
            for (int s = 0; s < sizes.length; s++) {
                l += Math.log(marginal(s, x[s]));
            }
            return l;
        }

        float[][] marginals() {
            float[][] p = new float[sizes.length][];
            for (int s = 0; s < sizes.length; s++) {
                p[s] = new float[sizes[s]];
                double sum = 0;
                for (int c = 0; c < sizes[s]; c++) {
                    sum += marginal(s, c);
                }
                for (int c = 0; c < sizes[s]; c++) {
                    p[s][c] = (float) (marginal(s, c) / sum);
                }
            }
            return p;
        }
    }

    @Override
    public Optional<DecisionDensities> densities(int task) {
        int n = configurations.get(task).size();
        if (n == 0) {
            Parzen prior = new Parzen(sizes, List.of(), settings.priorWeight());
            return Optional.of(new DecisionDensities(task, 0, 0, prior.marginals(), prior.marginals()));
        }
        Model m = model(task);
        return Optional.of(new DecisionDensities(task, n, m.goodCount, m.good.marginals(), m.bad.marginals()));
    }

    /** The live policy bars of TPE: per slot, the good density l(x). */
    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        return densities(task).map(d -> new PolicySnapshot(observations, task, d.good()));
    }

    @Override
    public void writeState(DataOutputStream out) throws IOException {
        StateCodec.writeRng(out, rng);
        out.writeInt(sizes.length);
        out.writeInt(configurations.size());
        for (int t = 0; t < configurations.size(); t++) {
            List<int[]> xs = configurations.get(t);
            out.writeInt(xs.size());
            for (int i = 0; i < xs.size(); i++) {
                for (int v : xs.get(i)) {
                    out.writeInt(v);
                }
                out.writeDouble(rewards.get(t).get(i));
            }
        }
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        Rng r = StateCodec.readRng(in);
        int slots = in.readInt();
        int tasks = in.readInt();
        if (slots != sizes.length || tasks != configurations.size()) {
            throw new IllegalArgumentException("the saved TPE state has " + tasks + " task(s) over " + slots
                    + " slots, this run has " + configurations.size() + " over " + sizes.length);
        }
        List<List<int[]>> xs = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int n = StateCodec.length(in, 4 * slots + 8);
            List<int[]> x = new ArrayList<>(n);
            List<Double> y = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int[] c = new int[slots];
                for (int s = 0; s < slots; s++) {
                    c[s] = in.readInt();
                    if (c[s] < 0 || c[s] >= sizes[s]) {
                        throw new IOException("choice " + c[s] + " out of range at slot " + s);
                    }
                }
                x.add(c);
                y.add(in.readDouble());
            }
            xs.add(x);
            ys.add(y);
        }
        rng = r;
        for (int t = 0; t < tasks; t++) {
            configurations.set(t, xs.get(t));
            rewards.set(t, ys.get(t));
            Set<Configuration> s = new HashSet<>();
            for (int[] c : xs.get(t)) {
                s.add(new Configuration(c));
            }
            seen.set(t, s);
        }
    }
}
