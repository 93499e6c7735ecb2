package io.wayfinder.child.oneshot;

import io.wayfinder.child.OffHeapCollector;
import io.wayfinder.child.cell.QuietSameDiff;
import io.wayfinder.run.Rng;
import io.wayfinder.task.oneshot.OneShotModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The NAS-Bench-201 super-network in SameDiff: a 3x3 convolution stem, {@code cells} copies of the NB201 cell (4
 * nodes; node i is the sum over j &lt; i of the operation on edge j-&gt;i; the cell's output is node 3) and a head
 * (batch norm, ReLU, global average pool, linear). The candidate operations are NB201's: none (zero), skip_connect (identity),
 * nor_conv_1x1 and nor_conv_3x3 (ReLU, convolution, batch norm) and avg_pool_3x3 (stride 1, padding excluded from the
 * average). As in the DARTS and NB201 searches, batch norm has no affine parameters and always normalises with the
 * batch's own statistics (no running averages), so a supernet pass, a path pass and a standalone cell agree exactly.
 * Every cell shares the one set of architecture weights (one row per edge).
 *
 * <p>Two forms: the relaxed super-network (every operation on every edge, mixed by {@code softmax(alpha)} masked by a
 * placeholder, so a one-hot mask runs exactly one operation per edge, ENAS-style) and a standalone derived cell (only
 * the chosen operation on each edge, {@code none} edges left out) with the same variable names, for checks and
 * retraining.
 */
public final class Nb201Supernet implements OneShotModel {
    /** NB201's operations, in the order of the search space's choices. */
    public static final List<String> OPERATIONS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3",
            "avg_pool_3x3");
    /** The edges in the space's decision order (e_1_0, e_2_0, e_2_1, e_3_0, e_3_1, e_3_2): {to, from}. */
    static final int[][] EDGES = {{1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {3, 2}};
    static final int CONV1 = 2;
    static final int CONV3 = 3;
    private static final double BN_EPSILON = 1e-5;

    private final SameDiff sd;
    private final DataType type;
    private final OffHeapCollector offHeap = OffHeapCollector.withDefaults();
    private final int channels;
    private final int cells;
    private final int classes;
    private final int[] derived;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Images data;
    private final int batchSize;
    private final String description;

    /** The data the network reads: per split, images as {@code [n, 1, rows, cols]} values in [0, 1], and labels. */
    public record Images(float[] trainPixels, int[] trainLabels, float[] validationPixels, int[] validationLabels,
                         int rows, int cols, int classes, String datasetId, String datasetHash) {
        int count(Split split) {
            return split == Split.TRAIN ? trainLabels.length : validationLabels.length;
        }
    }

    /**
     * @param derived null for the relaxed super-network, else one operation per edge (the standalone cell)
     */
    public Nb201Supernet(Images data, int channels, int cells, int batchSize, boolean doublePrecision, int[] derived) {
        if (derived != null && derived.length != EDGES.length) {
            throw new IllegalArgumentException("a derived cell has one operation per edge (6), found " + derived.length);
        }
        QuietSameDiff.install();
        this.data = data;
        this.channels = channels;
        this.cells = cells;
        this.classes = data.classes();
        this.batchSize = batchSize;
        this.derived = derived == null ? null : derived.clone();
        this.type = doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
        this.sd = SameDiff.create();
        build();
        this.description = (derived == null ? "NB201 super-network" : "NB201 cell " + Arrays.toString(derived))
                + ": stem conv3x3 1->" + channels + ", " + cells + " cell(s) of " + channels + " channels at "
                + data.rows() + "x" + data.cols() + ", batch norm, ReLU, global average pool, linear " + channels + "->" + classes
                + " (" + parameterCount() + " weights" + (derived == null ? ", 6x5 architecture weights)" : ")");
    }

    private void build() {
        SDVariable x = sd.placeHolder("x", type, -1, 1, data.rows(), data.cols());
        SDVariable y = sd.placeHolder("y", type, -1, classes);
        SDVariable[] mix = null;
        SDVariable beta = null;
        if (derived == null) {
            SDVariable alpha = sd.var("alpha", Nd4j.zeros(type, EDGES.length, OPERATIONS.size()));
            SDVariable mask = sd.placeHolder("mask", type, EDGES.length, OPERATIONS.size());
            SDVariable masked = sd.nn().softmax(alpha, 1).mul(mask);
            // per edge, the mixing weights of operations 1..4 (none adds nothing); a matrix product and unstack
            // rather than slicing, whose gradients (strided_slice_bp, gather) fail or loop in ND4J 1.0.0-M2.1
            double[][] dropNone = new double[OPERATIONS.size()][OPERATIONS.size() - 1];
            for (int k = 1; k < OPERATIONS.size(); k++) {
                dropNone[k][k - 1] = 1;
            }
            mix = sd.unstack(masked.div(masked.sum(true, 1)).mmul(sd.constant("drop_none",
                    Nd4j.create(dropNone).castTo(type))), 0, EDGES.length);
            beta = sd.placeHolder("beta", type);
        }
        SDVariable h = batchNorm(conv(x, weight("stem", -1, -1, 3, 3, 1, channels)));
        for (int c = 0; c < cells; c++) {
            SDVariable[] nodes = new SDVariable[4];
            nodes[0] = h;
            for (int node = 1; node < 4; node++) {
                SDVariable sum = null;
                for (int e = 0; e < EDGES.length; e++) {
                    if (EDGES[e][0] != node) {
                        continue;
                    }
                    SDVariable in = nodes[EDGES[e][1]];
                    SDVariable out = derived == null ? mixedEdge(c, e, in, mix, beta) : edge(c, e, derived[e], in);
                    if (out != null) {
                        sum = sum == null ? out : sum.add(out);
                    }
                }
                nodes[node] = sum == null ? sd.zerosLike(nodes[0]) : sum;
            }
            h = nodes[3];
        }
        // NB201's last activation: batch norm and ReLU before the pool, so the scale the cells' sums reach (and
        // DARTS-'s auxiliary skips add) does not reach the classifier
        SDVariable pooled = sd.nn().relu(batchNorm(h), 0).mean(2, 3);
        SDVariable logits = pooled.mmul(weight("fc_w", -1, -1, channels, classes))
                .add(weight("fc_b", -1, -1, classes)).rename("logits");
        sd.loss().softmaxCrossEntropy("loss", y, logits, null);
    }

    /** Every operation but none on the edge, each scaled by its mixing weight, plus the auxiliary skip. */
    private SDVariable mixedEdge(int cell, int e, SDVariable in, SDVariable[] mix, SDVariable beta) {
        SDVariable relu = sd.nn().relu(in, 0);
        SDVariable[] outs = new SDVariable[OPERATIONS.size() - 1];
        for (int op = 1; op < OPERATIONS.size(); op++) {
            outs[op - 1] = operation(cell, e, op, in, relu);
        }
        SDVariable stacked = sd.stack(0, outs);
        SDVariable w = mix[e].reshape(OPERATIONS.size() - 1, 1, 1, 1, 1);
        return stacked.mul(w).sum(0).add(in.mul(beta));
    }

    private SDVariable edge(int cell, int e, int op, SDVariable in) {
        if (op < 0 || op >= OPERATIONS.size()) {
            throw new IllegalArgumentException("no operation " + op + " on edge " + e);
        }
        return op == 0 ? null : operation(cell, e, op, in, op == CONV1 || op == CONV3 ? sd.nn().relu(in, 0) : null);
    }

    private SDVariable operation(int cell, int e, int op, SDVariable in, SDVariable relu) {
        return switch (op) {
            case 1 -> in;
            case CONV1 -> batchNorm(conv(relu, weight(convName(cell, e, 1), e, op, 1, 1, channels, channels)));
            case CONV3 -> batchNorm(conv(relu, weight(convName(cell, e, 3), e, op, 3, 3, channels, channels)));
            case 4 -> sd.cnn().avgPooling2d(in, Pooling2DConfig.builder().kH(3).kW(3).sH(1).sW(1)
                    .paddingMode(PaddingMode.SAME).divisor(Pooling2D.Divisor.EXCLUDE_PADDING).isNHWC(false).build());
            default -> throw new IllegalArgumentException("no operation " + op);
        };
    }

    static String convName(int cell, int e, int k) {
        return "c" + cell + "_" + EDGE_NAMES[e] + "_conv" + k + "x" + k;
    }

    private static final String[] EDGE_NAMES = {"e_1_0", "e_2_0", "e_2_1", "e_3_0", "e_3_1", "e_3_2"};

    private SDVariable conv(SDVariable in, SDVariable w) {
        return sd.cnn().conv2d(in, w, Conv2DConfig.builder().kH(w.getShape()[0]).kW(w.getShape()[1]).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build());
    }

    /** Batch norm without affine parameters, with the batch's own statistics per channel. */
    private SDVariable batchNorm(SDVariable in) {
        SDVariable centred = in.sub(in.mean(true, 0, 2, 3));
        SDVariable variance = centred.mul(centred).mean(true, 0, 2, 3);
        return centred.div(sd.math().sqrt(variance.add(BN_EPSILON)));
    }

    private SDVariable weight(String name, int edge, int op, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        int offset = parameterCount();
        blocks.add(new Block(name, offset, (int) n, edge, op));
        shapes.put(name, shape);
        return sd.var(name, Nd4j.zeros(type, shape));
    }

    @Override
    public List<String> operations() {
        return OPERATIONS;
    }

    @Override
    public int edges() {
        return EDGES.length;
    }

    @Override
    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    @Override
    public double[] initialWeights(long seed) {
        Rng rng = new Rng(seed);
        double[] w = new double[parameterCount()];
        for (Block b : blocks) {
            long[] s = shapes.get(b.name());
            if (b.name().equals("fc_b")) {
                continue;
            }
            // He-uniform on the fan-in (kH*kW*in for convolutions, in for the linear layer)
            double fanIn = s.length == 4 ? s[0] * s[1] * s[2] : s[0];
            double bound = Math.sqrt(6 / fanIn);
            for (int i = 0; i < b.length(); i++) {
                w[b.offset() + i] = (rng.nextDouble() * 2 - 1) * bound;
            }
        }
        return w;
    }

    @Override
    public int examples(Split split) {
        return data.count(split);
    }

    @Override
    public Pass pass(double[] weights, Mixing mixing, Split split, int[] examples, boolean weightGradient,
                     boolean alphaGradient) {
        offHeap.collectIfOver();
        Map<String, INDArray> feed = feed(weights, mixing, split, examples);
        try {
            return pass(feed, split, examples, weightGradient, alphaGradient && derived == null
                    && mixing.path() == null);
        } finally {
            release(feed);
        }
    }

    private static void release(Map<String, INDArray> feed) {
        for (INDArray a : feed.values()) {
            a.close();
        }
    }

    private Pass pass(Map<String, INDArray> feed, Split split, int[] examples, boolean weightGradient,
                      boolean alphas) {
        List<String> wrt = new ArrayList<>();
        if (weightGradient) {
            blocks.forEach(b -> wrt.add(b.name()));
        }
        if (alphas) {
            wrt.add("alpha");
        }
        // every array SameDiff hands back is a fresh off-heap allocation that nobody else holds: freed here at once,
        // since waiting for the garbage collector let a search's resident memory climb to 2.7 GB
        if (wrt.isEmpty()) {
            Map<String, INDArray> out = sd.output(feed, "loss", "logits");
            try {
                return new Pass(out.get("loss").getDouble(0), accuracy(out.get("logits"), split, examples), null,
                        null);
            } finally {
                release(out);
            }
        }
        OutAndGrad og = sd.calculateGradientsAndOutputs(feed, List.of("loss", "logits"), wrt);
        try {
            double loss = og.getOutputs().get("loss").getDouble(0);
            double[] gw = null;
            double[][] ga = null;
            if (weightGradient) {
                gw = new double[parameterCount()];
                for (Block b : blocks) {
                    INDArray g = og.getGradients().get(b.name());
                    if (g != null) {
                        try (INDArray dense = g.dup('c')) {
                            System.arraycopy(dense.data().asDouble(), 0, gw, b.offset(), b.length());
                        }
                    }
                }
            }
            if (alphas) {
                ga = og.getGradients().get("alpha").toDoubleMatrix();
            }
            return new Pass(loss, accuracy(og.getOutputs().get("logits"), split, examples), gw, ga);
        } finally {
            release(og.getOutputs());
            release(og.getGradients());
        }
    }

    /** The logits of these examples (for checks). */
    public double[][] logits(double[] weights, Mixing mixing, Split split, int[] examples) {
        Map<String, INDArray> feed = feed(weights, mixing, split, examples);
        try {
            Map<String, INDArray> out = sd.output(feed, "logits");
            try {
                return out.get("logits").toDoubleMatrix();
            } finally {
                release(out);
            }
        } finally {
            release(feed);
        }
    }

    @Override
    public double accuracy(double[] weights, Mixing mixing, Split split) {
        int n = examples(split);
        double correct = 0;
        for (int from = 0; from < n; from += batchSize) {
            int[] idx = new int[Math.min(batchSize, n - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            offHeap.collectIfOver();
            Map<String, INDArray> feed = feed(weights, mixing, split, idx);
            try {
                Map<String, INDArray> out = sd.output(feed, "logits");
                try {
                    correct += accuracy(out.get("logits"), split, idx) * idx.length;
                } finally {
                    release(out);
                }
            } finally {
                release(feed);
            }
        }
        return correct / n;
    }

    private double accuracy(INDArray logits, Split split, int[] examples) {
        int[] labels = split == Split.TRAIN ? data.trainLabels() : data.validationLabels();
        long[] argmax;
        try (INDArray a = logits.argMax(1)) {
            argmax = a.toLongVector();
        }
        int correct = 0;
        for (int i = 0; i < examples.length; i++) {
            if (argmax[i] == labels[examples[i]]) {
                correct++;
            }
        }
        return (double) correct / examples.length;
    }

    private Map<String, INDArray> feed(double[] weights, Mixing mixing, Split split, int[] examples) {
        if (weights.length != parameterCount()) {
            throw new IllegalArgumentException("the network has " + parameterCount() + " weights, found "
                    + weights.length);
        }
        // copied into the variables' own arrays, and the copies freed at once: off-heap memory otherwise waits for
        // the garbage collector, and a search makes tens of thousands of passes
        for (Block b : blocks) {
            INDArray src;
            if (type == DataType.DOUBLE) {
                src = Nd4j.create(Arrays.copyOfRange(weights, b.offset(), b.offset() + b.length()),
                        shapes.get(b.name()), 'c');
            } else {
                float[] f = new float[b.length()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) weights[b.offset() + i];
                }
                src = Nd4j.create(f, shapes.get(b.name()), 'c');
            }
            sd.getVariable(b.name()).getArr().assign(src);
            src.close();
        }
        Map<String, INDArray> feed = new HashMap<>();
        int pixels = data.rows() * data.cols();
        float[] src = split == Split.TRAIN ? data.trainPixels() : data.validationPixels();
        int[] labels = split == Split.TRAIN ? data.trainLabels() : data.validationLabels();
        float[] x = new float[examples.length * pixels];
        float[] y = new float[examples.length * classes];
        for (int i = 0; i < examples.length; i++) {
            System.arraycopy(src, examples[i] * pixels, x, i * pixels, pixels);
            y[i * classes + labels[examples[i]]] = 1;
        }
        feed.put("x", as(Nd4j.create(x, new long[]{examples.length, 1, data.rows(), data.cols()}, 'c')));
        feed.put("y", as(Nd4j.create(y, new long[]{examples.length, classes}, 'c')));
        if (derived == null) {
            double[][] a = mixing.alphas();
            if (a.length != EDGES.length || Arrays.stream(a).anyMatch(r -> r.length != OPERATIONS.size())) {
                throw new IllegalArgumentException("architecture weights are 6 edges x 5 operations");
            }
            // on a path the architecture weights do not matter (zeros keep every masked weight exactly 1)
            INDArray alpha = sd.getVariable("alpha").getArr();
            if (mixing.path() == null) {
                try (INDArray given = Nd4j.create(a)) {
                    alpha.assign(given);
                }
            } else {
                alpha.assign(0);
            }
            double[][] mask = new double[EDGES.length][OPERATIONS.size()];
            for (int e = 0; e < EDGES.length; e++) {
                if (mixing.path() == null) {
                    Arrays.fill(mask[e], 1);
                } else {
                    mask[e][mixing.path()[e]] = 1;
                }
            }
            feed.put("mask", as(Nd4j.create(mask)));
            feed.put("beta", Nd4j.scalar(type, mixing.auxiliarySkip()));
        }
        return feed;
    }

    /** The array in the network's data type; a converted array's source is freed at once. */
    private INDArray as(INDArray a) {
        if (a.dataType() == type) {
            return a;
        }
        INDArray converted = a.castTo(type);
        a.close();
        return converted;
    }

    @Override
    public String datasetId() {
        return data.datasetId();
    }

    @Override
    public String datasetHash() {
        return data.datasetHash();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        // the graph's arrays are freed with the object
    }
}
