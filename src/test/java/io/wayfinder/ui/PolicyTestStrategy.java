package io.wayfinder.ui;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A test-only learning strategy with a policy, until the controller strategies arrive: per task, independent softmax
 * preferences per slot, sampled to propose and moved toward better-than-average rewards (a REINFORCE step with a
 * moving-average baseline). Its task embeddings are the concatenated per-slot probabilities.
 */
public final class PolicyTestStrategy implements Strategy {
    private final int[] sizes;
    private final double[][][] logits;
    private final double[] baseline;
    private final double learningRate;
    private Rng rng;

    public PolicyTestStrategy(SearchSpace space, int tasks, long seed, double learningRate) {
        this.sizes = space.slotSizes();
        this.logits = new double[tasks][sizes.length][];
        for (int t = 0; t < tasks; t++) {
            for (int s = 0; s < sizes.length; s++) {
                logits[t][s] = new double[sizes[s]];
            }
        }
        this.baseline = new double[tasks];
        java.util.Arrays.fill(baseline, Double.NaN);
        this.learningRate = learningRate;
        this.rng = new Rng(seed);
    }

    @Override
    public String id() {
        return "policy-test";
    }

    private double[] softmax(double[] l) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : l) {
            max = Math.max(max, v);
        }
        double[] p = new double[l.length];
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            p[i] = Math.exp(l[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Override
    public Configuration propose(int task) {
        int[] c = new int[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            double[] p = softmax(logits[task][s]);
            double u = rng.nextDouble();
            int k = 0;
            while (k < p.length - 1 && (u -= p[k]) > 0) {
                k++;
            }
            c[s] = k;
        }
        return new Configuration(c);
    }

    @Override
    public void observe(Observation o) {
        int t = o.task();
        if (Double.isNaN(baseline[t])) {
            baseline[t] = o.reward();
            return;
        }
        double advantage = o.reward() - baseline[t];
        baseline[t] = 0.9 * baseline[t] + 0.1 * o.reward();
        int[] c = o.configuration().indices();
        for (int s = 0; s < sizes.length; s++) {
            double[] p = softmax(logits[t][s]);
            for (int k = 0; k < p.length; k++) {
                logits[t][s][k] += learningRate * advantage * ((k == c[s] ? 1 : 0) - p[k]);
            }
        }
    }

    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        float[][] p = new float[sizes.length][];
        for (int s = 0; s < sizes.length; s++) {
            double[] d = softmax(logits[task][s]);
            p[s] = new float[d.length];
            for (int k = 0; k < d.length; k++) {
                p[s][k] = (float) d[k];
            }
        }
        return Optional.of(new PolicySnapshot(observations, task, p));
    }

    @Override
    public Optional<double[][]> taskEmbeddings() {
        double[][] e = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            java.util.List<Double> v = new java.util.ArrayList<>();
            for (int s = 0; s < sizes.length; s++) {
                for (double x : softmax(logits[t][s])) {
                    v.add(x - 1.0 / sizes[s]);
                }
            }
            e[t] = v.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return Optional.of(e);
    }

    @Override
    public void writeState(java.io.DataOutputStream out) throws java.io.IOException {
        out.write(state());
    }

    @Override
    public void readState(java.io.DataInputStream in, int version) throws java.io.IOException {
        restore(in.readAllBytes());
    }

    @Override
    public byte[] state() {
        int n = 0;
        for (double[][] t : logits) {
            for (double[] s : t) {
                n += s.length;
            }
        }
        long[] r = rng.state();
        ByteBuffer b = ByteBuffer.allocate(8 * (n + baseline.length + r.length + 1));
        for (double[][] t : logits) {
            for (double[] s : t) {
                for (double v : s) {
                    b.putDouble(v);
                }
            }
        }
        for (double v : baseline) {
            b.putDouble(v);
        }
        b.putLong(r.length);
        for (long v : r) {
            b.putLong(v);
        }
        return b.array();
    }

    @Override
    public void restore(byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        for (double[][] t : logits) {
            for (double[] s : t) {
                for (int k = 0; k < s.length; k++) {
                    s[k] = b.getDouble();
                }
            }
        }
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = b.getDouble();
        }
        long[] r = new long[(int) b.getLong()];
        for (int i = 0; i < r.length; i++) {
            r[i] = b.getLong();
        }
        rng = Rng.fromState(r);
    }
}
