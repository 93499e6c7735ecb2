package io.wayfinder.controller;

import io.wayfinder.run.Rng;
import io.wayfinder.space.AnchorPoint;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The autoregressive controller of METHOD.md section 3: a two-layer LSTM that emits one configuration slot per step.
 * The input of every step is [embedding of the previous action ; task embedding]; a skip connection adds that input,
 * projected to the LSTM width, to the LSTM output before each decision's softmax head. Skip-connection slots of a
 * repeated block use Zoph &amp; Le's anchor points: each layer runs one extra LSTM step (its anchor), and
 * {@code P(layer j feeds layer i) = sigmoid(v . tanh(W_prev a_j + W_curr a_i))}; the step after an anchor is fed the
 * mean embedding of the chosen source layers.
 *
 * <p>All weights live in one flat array ({@link #parameters()}), task embeddings first, so a transfer copies every
 * shared weight by offset and gives new tasks fresh embeddings. Not thread-safe: the owning strategy serialises
 * calls.
 */
public final class LstmController {
    private final ControllerSettings settings;
    private final int taskCount;
    private final int hidden;
    private final int emb;
    private final int width;
    private final int slotCount;
    private final int[] slotSize;
    private final double[] params;
    private final double[] grads;
    private final List<Op> program;
    private final int steps;
    private final int[] stepOfSlot;

    private final int taskEmb;
    private final int startEmb;
    private final int anchorIn;
    private final int[] actionEmb;
    private final int[] headW;
    private final int[] headB;
    private final int[] wx = new int[2];
    private final int[] wh = new int[2];
    private final int[] bias = new int[2];
    private final int proj;
    private final int attPrev;
    private final int attCurr;
    private final int attV;
    private final Map<String, Integer> sourceEmb = new HashMap<>();
    private Pass lastSample;
    private long lastSampleVersion;
    private long version;

    /** One step of the program: a categorical slot, or an anchor deciding the skip slots of one layer. */
    private record Op(boolean anchor, int slot, String block, int layer, int firstSlot) {
    }

    public LstmController(SearchSpace space, int taskCount, ControllerSettings settings, Rng rng) {
        if (taskCount < 1) {
            throw new IllegalArgumentException("a controller needs at least one task");
        }
        this.settings = settings;
        this.taskCount = taskCount;
        this.hidden = settings.hidden();
        this.emb = settings.embedding();
        this.width = 2 * emb;
        List<FlatDecision> flat = space.flat();
        this.slotCount = flat.size();
        this.slotSize = space.slotSizes();
        this.program = program(flat, space.anchors());
        this.steps = program.size();
        this.stepOfSlot = new int[slotCount];
        for (int s = 0; s < steps; s++) {
            if (!program.get(s).anchor()) {
                stepOfSlot[program.get(s).slot()] = s;
            }
        }

        int n = 0;
        taskEmb = n;
        n += taskCount * emb;
        startEmb = n;
        n += emb;
        anchorIn = n;
        n += emb;
        for (int l = 0; l < 2; l++) {
            int in = l == 0 ? width : hidden;
            wx[l] = n;
            n += 4 * hidden * in;
            wh[l] = n;
            n += 4 * hidden * hidden;
            bias[l] = n;
            n += 4 * hidden;
        }
        proj = n;
        n += hidden * width;
        actionEmb = new int[slotCount];
        headW = new int[slotCount];
        headB = new int[slotCount];
        for (FlatDecision d : flat) {
            if (d.kind() == FlatDecision.Kind.SKIP) {
                actionEmb[d.index()] = headW[d.index()] = headB[d.index()] = -1;
                continue;
            }
            actionEmb[d.index()] = n;
            n += d.size() * emb;
            headW[d.index()] = n;
            n += d.size() * hidden;
            headB[d.index()] = n;
            n += d.size();
        }
        boolean anyAnchor = !space.anchors().isEmpty();
        attPrev = n;
        n += anyAnchor ? hidden * hidden : 0;
        attCurr = n;
        n += anyAnchor ? hidden * hidden : 0;
        attV = n;
        n += anyAnchor ? hidden : 0;
        for (AnchorPoint a : space.anchors()) {
            if (!sourceEmb.containsKey(a.block())) {
                int layers = (int) space.anchors().stream().filter(b -> b.block().equals(a.block())).count();
                sourceEmb.put(a.block(), n);
                n += layers * emb;
            }
        }
        params = new double[n];
        grads = new double[n];
        for (int i = 0; i < n; i++) {
            params[i] = (rng.nextDouble() * 2 - 1) * settings.initRange();
        }
    }

    private static List<Op> program(List<FlatDecision> flat, List<AnchorPoint> anchors) {
        List<Op> ops = new ArrayList<>();
        boolean[] emitted = new boolean[anchors.size()];
        int p = 0;
        while (p < flat.size()) {
            boolean advanced = false;
            for (int a = 0; a < anchors.size(); a++) {
                AnchorPoint ap = anchors.get(a);
                if (!emitted[a] && ap.firstSlot() == p) {
                    emitted[a] = true;
                    ops.add(new Op(true, -1, ap.block(), ap.layer(), ap.firstSlot()));
                    if (ap.slotCount() > 0) {
                        p += ap.slotCount();
                        advanced = true;
                        break;
                    }
                }
            }
            if (advanced) {
                continue;
            }
            FlatDecision d = flat.get(p);
            if (d.kind() == FlatDecision.Kind.SKIP) {
                throw new IllegalArgumentException("skip slot " + d.path() + " has no anchor point");
            }
            ops.add(new Op(false, p, null, -1, -1));
            p++;
        }
        return ops;
    }

    public ControllerSettings settings() {
        return settings;
    }

    public int taskCount() {
        return taskCount;
    }

    /** Every weight, task embeddings first ({@link #sharedOffset()} is where the shared weights begin). */
    public double[] parameters() {
        return params;
    }

    /** The gradient accumulated by {@link #accumulateGradient}, same layout as {@link #parameters()}. */
    public double[] gradients() {
        return grads;
    }

    /** The offset of the first weight shared by all tasks (everything before it is task embeddings). */
    public int sharedOffset() {
        return taskCount * emb;
    }

    /** A copy of task {@code t}'s embedding. */
    public double[] taskEmbedding(int t) {
        double[] e = new double[emb];
        System.arraycopy(params, taskEmb + t * emb, e, 0, emb);
        return e;
    }

    /** Samples a configuration (one choice index per slot) for a task. */
    public int[] sample(int task, Rng rng) {
        Pass p = forward(task, null, rng);
        lastSample = p;
        lastSampleVersion = version;
        return p.actions.clone();
    }

    /**
     * Marks the weights as changed (after an optimiser step), so a cached forward pass of the last sample is not
     * reused for a gradient. Sampling then updating with unchanged weights (the sequential loop) reuses that pass.
     */
    public void weightsChanged() {
        version++;
    }

    /** The log-probability of a configuration under the current policy. */
    public double logProbability(int task, int[] actions) {
        return forward(task, actions, null).logProb;
    }

    /**
     * The REINFORCE loss {@code -advantage * log pi(actions | task) - entropyWeight * sum of step entropies}, for
     * gradient checks.
     */
    public double loss(int task, int[] actions, double advantage, double entropyWeight) {
        Pass p = forward(task, actions, null);
        return -advantage * p.logProb - entropyWeight * p.entropy;
    }

    /**
     * Adds the gradient of {@link #loss} to {@link #gradients()} (call {@link #zeroGradients()} first) and returns the
     * configuration's log-probability.
     */
    public double accumulateGradient(int task, int[] actions, double advantage, double entropyWeight) {
        Pass p = lastSample != null && lastSampleVersion == version && lastSample.task == task
                && java.util.Arrays.equals(lastSample.actions, actions) ? lastSample : forward(task, actions, null);
        lastSample = null;
        backward(p, advantage, entropyWeight);
        return p.logProb;
    }

    public void zeroGradients() {
        java.util.Arrays.fill(grads, 0);
    }

    /**
     * The policy along the greedy path: each step is fed the most likely previous choice, and the slot's conditional
     * distribution is recorded (for skip slots {@code [P(no), P(yes)]}).
     */
    public float[][] greedyPolicy(int task) {
        Pass p = forward(task, null, null);
        float[][] out = new float[slotCount][];
        for (int i = 0; i < slotCount; i++) {
            out[i] = new float[slotSize[i]];
            for (int k = 0; k < slotSize[i]; k++) {
                out[i][k] = (float) p.prob[i][k];
            }
        }
        return out;
    }

    /** Copies every shared weight of {@code source} (same search space and shape) into this controller. */
    public void copySharedFrom(LstmController source) {
        if (source.params.length - source.sharedOffset() != params.length - sharedOffset()) {
            throw new IllegalArgumentException("the controllers have different shapes");
        }
        System.arraycopy(source.params, source.sharedOffset(), params, sharedOffset(), params.length - sharedOffset());
        version++;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Everything a forward pass computed, kept for the backward pass. */
    private final class Pass {
        final int task;
        final int[] actions = new int[slotCount];
        final double[][] x = new double[steps][];
        final int[][] embSources = new int[steps][];
        final double[][][] in = new double[2][steps][];
        final double[][][] gates = new double[2][steps][];
        final double[][][] c = new double[2][steps][];
        final double[][][] tanhC = new double[2][steps][];
        final double[][][] h = new double[2][steps][];
        final double[][] out = new double[steps][];
        final double[][] u = new double[slotCount][];
        final double[][] prob = new double[slotCount][];
        final double[][] attT = new double[slotCount][];
        final int[] attSource = new int[slotCount];
        final int[] attCurrent = new int[slotCount];
        final double[][] q = new double[steps][];
        final double[][] r = new double[steps][];
        double logProb;
        double entropy;

        Pass(int task) {
            this.task = task;
        }
    }

    private Pass forward(int task, int[] forced, Rng rng) {
        if (task < 0 || task >= taskCount) {
            throw new IllegalArgumentException("task " + task + " out of range 0.." + (taskCount - 1));
        }
        Pass p = new Pass(task);
        double[] h0 = new double[hidden];
        double[] c0 = new double[hidden];
        double[] h1 = new double[hidden];
        double[] c1 = new double[hidden];
        int[] prevSources = {startEmb};
        Map<String, Map<Integer, Integer>> anchorStep = new HashMap<>();
        for (int s = 0; s < steps; s++) {
            Op op = program.get(s);
            double[] x = new double[width];
            double w = 1.0 / prevSources.length;
            for (int src : prevSources) {
                for (int k = 0; k < emb; k++) {
                    x[k] += w * params[src + k];
                }
            }
            System.arraycopy(params, taskEmb + task * emb, x, emb, emb);
            p.x[s] = x;
            p.embSources[s] = prevSources;
            double[] prevH0 = h0;
            double[] prevC0 = c0;
            lstm(p, 0, s, x, prevH0, prevC0);
            h0 = p.h[0][s];
            c0 = p.c[0][s];
            lstm(p, 1, s, h0, h1, c1);
            h1 = p.h[1][s];
            c1 = p.c[1][s];
            double[] o = h1.clone();
            matVecAdd(params, proj, hidden, width, x, o);
            p.out[s] = o;
            if (!op.anchor()) {
                int slot = op.slot();
                int k = slotSize[slot];
                double[] u = new double[k];
                for (int j = 0; j < k; j++) {
                    u[j] = params[headB[slot] + j];
                }
                matVecAdd(params, headW[slot], k, hidden, o, u);
                int a = choose(p, slot, u, false, forced, rng);
                prevSources = new int[]{actionEmb[slot] + a * emb};
            } else {
                anchorStep.computeIfAbsent(op.block(), b -> new HashMap<>()).put(op.layer(), s);
                double[] q = new double[hidden];
                double[] r = new double[hidden];
                if (attPrev != attCurr) {
                    matVecAdd(params, attPrev, hidden, hidden, o, q);
                    matVecAdd(params, attCurr, hidden, hidden, o, r);
                }
                p.q[s] = q;
                p.r[s] = r;
                List<Integer> chosen = new ArrayList<>();
                for (int j = 0; j < op.layer(); j++) {
                    int slot = op.firstSlot() + j;
                    int sj = anchorStep.get(op.block()).get(j);
                    double[] t = new double[hidden];
                    double v = 0;
                    for (int k = 0; k < hidden; k++) {
                        t[k] = Math.tanh(p.q[sj][k] + r[k]);
                        v += params[attV + k] * t[k];
                    }
                    p.attT[slot] = t;
                    p.attSource[slot] = sj;
                    p.attCurrent[slot] = s;
                    int a = choose(p, slot, new double[]{v}, true, forced, rng);
                    if (a == 1) {
                        chosen.add(j);
                    }
                }
                int base = sourceEmb.get(op.block());
                prevSources = chosen.isEmpty() ? new int[]{anchorIn}
                        : chosen.stream().mapToInt(j -> base + j * emb).toArray();
            }
        }
        return p;
    }

    /** Turns raw scores into the slot's distribution, picks (forced, sampled or greedy) and records log-prob/entropy. */
    private int choose(Pass p, int slot, double[] u, boolean skip, int[] forced, Rng rng) {
        p.u[slot] = u;
        double[] z = logits(u, skip);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] prob = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            prob[j] = Math.exp(z[j] - max);
            sum += prob[j];
        }
        double ent = 0;
        for (int j = 0; j < z.length; j++) {
            prob[j] /= sum;
            if (prob[j] > 0) {
                ent -= prob[j] * Math.log(prob[j]);
            }
        }
        p.prob[slot] = prob;
        int a;
        if (forced != null) {
            a = forced[slot];
            if (a < 0 || a >= prob.length) {
                throw new IllegalArgumentException("choice " + a + " out of range for slot " + slot);
            }
        } else if (rng != null) {
            a = rng.categorical(prob);
        } else {
            a = 0;
            for (int j = 1; j < prob.length; j++) {
                if (prob[j] > prob[a]) {
                    a = j;
                }
            }
        }
        p.actions[slot] = a;
        p.logProb += Math.log(prob[a]);
        p.entropy += ent;
        return a;
    }

    /** Logits from raw scores: a skip slot's single score s gives [0, s]. */
    private double[] logits(double[] u, boolean skip) {
        if (skip) {
            return new double[]{0, squash(u[0])};
        }
        double[] z = new double[u.length];
        for (int j = 0; j < u.length; j++) {
            z[j] = squash(u[j]);
        }
        return z;
    }

    private double squash(double u) {
        double t = u / settings.temperature();
        return settings.tanhConstant() > 0 ? settings.tanhConstant() * Math.tanh(t) : t;
    }

    private double squashDerivative(double u) {
        double t = u / settings.temperature();
        if (settings.tanhConstant() > 0) {
            double th = Math.tanh(t);
            return settings.tanhConstant() * (1 - th * th) / settings.temperature();
        }
        return 1 / settings.temperature();
    }

    private void lstm(Pass p, int l, int s, double[] input, double[] hPrev, double[] cPrev) {
        int in = input.length;
        double[] z = new double[4 * hidden];
        System.arraycopy(params, bias[l], z, 0, 4 * hidden);
        matVecAdd(params, wx[l], 4 * hidden, in, input, z);
        matVecAdd(params, wh[l], 4 * hidden, hidden, hPrev, z);
        double[] c = new double[hidden];
        double[] tc = new double[hidden];
        double[] h = new double[hidden];
        for (int k = 0; k < hidden; k++) {
            double i = sigmoid(z[k]);
            double f = sigmoid(z[hidden + k]);
            double g = Math.tanh(z[2 * hidden + k]);
            double o = sigmoid(z[3 * hidden + k]);
            z[k] = i;
            z[hidden + k] = f;
            z[2 * hidden + k] = g;
            z[3 * hidden + k] = o;
            c[k] = f * cPrev[k] + i * g;
            tc[k] = Math.tanh(c[k]);
            h[k] = o * tc[k];
        }
        p.in[l][s] = input;
        p.gates[l][s] = z;
        p.c[l][s] = c;
        p.tanhC[l][s] = tc;
        p.h[l][s] = h;
    }

    private void backward(Pass p, double advantage, double entropyWeight) {
        double[][] dOut = new double[steps][hidden];
        double[][] dq = new double[steps][];
        double[][] dr = new double[steps][];
        for (int slot = 0; slot < slotCount; slot++) {
            double[] prob = p.prob[slot];
            double ent = 0;
            for (double v : prob) {
                ent -= v > 0 ? v * Math.log(v) : 0;
            }
            double[] dz = new double[prob.length];
            for (int j = 0; j < prob.length; j++) {
                double logp = prob[j] > 0 ? Math.log(prob[j]) : 0;
                dz[j] = advantage * (prob[j] - (j == p.actions[slot] ? 1 : 0))
                        + entropyWeight * prob[j] * (logp + ent);
            }
            double[] u = p.u[slot];
            if (p.attT[slot] != null) {
                double du = dz[1] * squashDerivative(u[0]);
                double[] t = p.attT[slot];
                int sj = p.attSource[slot];
                int si = p.attCurrent[slot];
                if (dq[sj] == null) {
                    dq[sj] = new double[hidden];
                }
                if (dr[si] == null) {
                    dr[si] = new double[hidden];
                }
                for (int k = 0; k < hidden; k++) {
                    grads[attV + k] += du * t[k];
                    double dpre = du * params[attV + k] * (1 - t[k] * t[k]);
                    dq[sj][k] += dpre;
                    dr[si][k] += dpre;
                }
            } else {
                double[] o = p.out[stepOfSlot[slot]];
                for (int j = 0; j < u.length; j++) {
                    double du = dz[j] * squashDerivative(u[j]);
                    grads[headB[slot] + j] += du;
                    int row = headW[slot] + j * hidden;
                    for (int k = 0; k < hidden; k++) {
                        grads[row + k] += du * o[k];
                        dOut[stepOfSlot[slot]][k] += du * params[row + k];
                    }
                }
            }
        }
        for (int s = 0; s < steps; s++) {
            if (dq[s] != null) {
                outerAdd(grads, attPrev, dq[s], p.out[s]);
                matTVecAdd(params, attPrev, hidden, hidden, dq[s], dOut[s]);
            }
            if (dr[s] != null) {
                outerAdd(grads, attCurr, dr[s], p.out[s]);
                matTVecAdd(params, attCurr, hidden, hidden, dr[s], dOut[s]);
            }
        }
        double[] dhNext0 = new double[hidden];
        double[] dcNext0 = new double[hidden];
        double[] dhNext1 = new double[hidden];
        double[] dcNext1 = new double[hidden];
        for (int s = steps - 1; s >= 0; s--) {
            double[] dx = new double[width];
            outerAdd(grads, proj, dOut[s], p.x[s]);
            matTVecAdd(params, proj, hidden, width, dOut[s], dx);
            double[] dh1 = dOut[s];
            for (int k = 0; k < hidden; k++) {
                dh1[k] += dhNext1[k];
            }
            double[] dIn1 = new double[hidden];
            double[][] next1 = lstmBackward(p, 1, s, dh1, dcNext1, dIn1);
            dhNext1 = next1[0];
            dcNext1 = next1[1];
            for (int k = 0; k < hidden; k++) {
                dIn1[k] += dhNext0[k];
            }
            double[][] next0 = lstmBackward(p, 0, s, dIn1, dcNext0, dx);
            dhNext0 = next0[0];
            dcNext0 = next0[1];
            int[] src = p.embSources[s];
            double w = 1.0 / src.length;
            for (int e : src) {
                for (int k = 0; k < emb; k++) {
                    grads[e + k] += w * dx[k];
                }
            }
            int te = taskEmb + p.task * emb;
            for (int k = 0; k < emb; k++) {
                grads[te + k] += dx[emb + k];
            }
        }
    }

    /** Backpropagates one LSTM cell; adds to {@code dInput}; returns {dh, dc} for the previous step. */
    private double[][] lstmBackward(Pass p, int l, int s, double[] dh, double[] dcNext, double[] dInput) {
        double[] g = p.gates[l][s];
        double[] tc = p.tanhC[l][s];
        double[] cPrev = s == 0 ? new double[hidden] : p.c[l][s - 1];
        double[] hPrev = s == 0 ? new double[hidden] : p.h[l][s - 1];
        double[] dz = new double[4 * hidden];
        double[] dcPrev = new double[hidden];
        for (int k = 0; k < hidden; k++) {
            double i = g[k];
            double f = g[hidden + k];
            double gg = g[2 * hidden + k];
            double o = g[3 * hidden + k];
            double dc = dcNext[k] + dh[k] * o * (1 - tc[k] * tc[k]);
            dz[k] = dc * gg * i * (1 - i);
            dz[hidden + k] = dc * cPrev[k] * f * (1 - f);
            dz[2 * hidden + k] = dc * i * (1 - gg * gg);
            dz[3 * hidden + k] = dh[k] * tc[k] * o * (1 - o);
            dcPrev[k] = dc * f;
        }
        double[] input = p.in[l][s];
        outerAdd(grads, wx[l], dz, input);
        outerAdd(grads, wh[l], dz, hPrev);
        for (int k = 0; k < 4 * hidden; k++) {
            grads[bias[l] + k] += dz[k];
        }
        matTVecAdd(params, wx[l], 4 * hidden, input.length, dz, dInput);
        double[] dhPrev = new double[hidden];
        matTVecAdd(params, wh[l], 4 * hidden, hidden, dz, dhPrev);
        return new double[][]{dhPrev, dcPrev};
    }


    // y += M x, M is rows x cols row-major at offset; four partial sums let the CPU overlap the multiply-adds
    private static void matVecAdd(double[] m, int off, int rows, int cols, double[] x, double[] y) {
        int end4 = cols & ~3;
        for (int r = 0; r < rows; r++) {
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            int base = off + r * cols;
            int c = 0;
            for (; c < end4; c += 4) {
                a0 += m[base + c] * x[c];
                a1 += m[base + c + 1] * x[c + 1];
                a2 += m[base + c + 2] * x[c + 2];
                a3 += m[base + c + 3] * x[c + 3];
            }
            for (; c < cols; c++) {
                a0 += m[base + c] * x[c];
            }
            y[r] += (a0 + a1) + (a2 + a3);
        }
    }

    // y += M^T x
    private static void matTVecAdd(double[] m, int off, int rows, int cols, double[] x, double[] y) {
        for (int r = 0; r < rows; r++) {
            double xr = x[r];
            if (xr == 0) {
                continue;
            }
            int base = off + r * cols;
            for (int c = 0; c < cols; c++) {
                y[c] += m[base + c] * xr;
            }
        }
    }

    // G += a b^T
    private static void outerAdd(double[] g, int off, double[] a, double[] b) {
        int cols = b.length;
        for (int r = 0; r < a.length; r++) {
            double ar = a[r];
            if (ar == 0) {
                continue;
            }
            int base = off + r * cols;
            for (int c = 0; c < cols; c++) {
                g[base + c] += ar * b[c];
            }
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
