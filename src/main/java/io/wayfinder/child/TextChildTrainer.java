package io.wayfinder.child;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.Json;
import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.Evaluation;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one two-tower child on a task and scores it: batches of {@value #BATCH} drawn from reshuffled passes over
 * the training split until the configuration's number of training samples is seen, then accuracy on the validation
 * split (the reward) and on the test split (recorded only). The loss is checked after every step: the first NaN or
 * infinite loss ends the trial at once as a {@link ChildFailedException} ("diverged: loss NaN at step k of n ...").
 * The cancellation flag is polled every few steps.
 */
public final class TextChildTrainer {
    public static final int BATCH = 100;
    private static final int CHECK_EVERY = 10;
    private static final int EVAL_BATCH = 500;

    private final TextTaskData task;
    private final DeepFeatures features;
    private final TamlChildConfig config;
    private final boolean lookupInNetwork;
    private final boolean bags;
    private boolean sparse;
    private final ChildTraining training;
    private java.util.function.DoubleConsumer lossCurve = loss -> { };

    /**
     * @param features        may be null when the deep tower is disabled
     * @param lookupInNetwork look the deep tower's tokens up inside the network every step (see
     *                        {@link TwoTowerNetwork#build}) instead of reading precomputed mean bags of words
     */
    public TextChildTrainer(TextTaskData task, DeepFeatures features, TamlChildConfig config, boolean lookupInNetwork) {
        this(task, features, config, lookupInNetwork, false);
    }

    /**
     * @param bags token lookups as products with bag-of-tokens matrices instead of embedding-sequence layers (see
     *             {@link TwoTowerNetwork#build(TamlChildConfig, int, int, int, int, long, boolean, boolean)})
     */
    public TextChildTrainer(TextTaskData task, DeepFeatures features, TamlChildConfig config, boolean lookupInNetwork,
                            boolean bags) {
        this(task, features, config, lookupInNetwork, bags, ChildTraining.ADAGRAD);
    }

    /** @param training the optimiser and gradient clipping (task settings {@code optimizer}, {@code gradientClipping}) */
    public TextChildTrainer(TextTaskData task, DeepFeatures features, TamlChildConfig config, boolean lookupInNetwork,
                            boolean bags, ChildTraining training) {
        this.training = training;
        this.bags = bags;
        this.task = task;
        this.features = features;
        this.config = config;
        this.lookupInNetwork = lookupInNetwork;
    }

    /**
     * With bag lookups, reads the bags sparsely ({@link SparseBagLayer}: each example's token ids and weights instead
     * of the [batch x rows] matrix; same parameters and updates, float addition order aside). The default of the
     * {@code lookups} task setting ({@code sparse}).
     */
    public TextChildTrainer sparseBags(boolean sparse) {
        this.sparse = sparse && bags;
        return this;
    }

    /** Receives the training loss every {@value #CHECK_EVERY} steps (tests compare the curves of two paths). */
    TextChildTrainer lossCurve(java.util.function.DoubleConsumer listener) {
        this.lossCurve = listener;
        return this;
    }

    public Evaluation run(long trainingSamples, long seed, BooleanSupplier cancelled) {
        int dim = features == null ? 1 : features.dimension();
        int localRows = features == null ? 1 : features.localRows();
        // a child without a wide tower builds no n-gram vocabulary (the unigram one exists already)
        WideFeatures wide = task.wide(config.wideTower() ? config.wideFeatures()
                : WideFeatures.Kind.UNIGRAM_INDICATORS);
        if (config.wideTower() && !bags && wide.values(TextTaskData.TRAIN) != null) {
            throw new ChildFailedException("wideFeatures " + wide.kind().id() + " has feature values: it needs the "
                    + "task setting lookups \"sparse\" (the default) or \"bags\", not \"sequences\"");
        }
        TwoTowerNetwork.Built built = TwoTowerNetwork.build(config, dim, localRows, wide.vocabulary(),
                task.classCount(), seed, lookupInNetwork, bags, sparse, training);
        ComputationGraph graph = built.graph();
        ProximalAdagrad proximal = new ProximalAdagrad(graph, built.proximal());
        try {
            if (built.inputs().contains("deepIds") || built.inputs().contains("deepBag")) {
                TwoTowerNetwork.loadEmbedding(graph, features.localTable(), localRows, dim);
            }
            long steps = Math.max(1, (trainingSamples + BATCH - 1) / BATCH);
            int n = task.size(TextTaskData.TRAIN);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            int pos = n;
            long t0 = System.nanoTime();
            double loss = Double.NaN;
            int[] batch = new int[Math.min(BATCH, n)];
            for (long step = 0; step < steps; step++) {
                for (int b = 0; b < batch.length; b++) {
                    if (pos >= n) {
                        shuffle(order, rnd);
                        pos = 0;
                    }
                    batch[b] = order[pos++];
                }
                Inputs in = inputs(built.inputs(), wide, TextTaskData.TRAIN, batch);
                INDArray labels = oneHot(task.labels(TextTaskData.TRAIN), batch, task.classCount());
                graph.fit(new MultiDataSet(in.features, new INDArray[] {labels}, in.masks, null));
                in.close();
                labels.close();
                loss = graph.score();
                if (Double.isNaN(loss) || Double.isInfinite(loss)) {
                    throw new ChildFailedException(divergence(loss, step + 1, steps));
                }
                proximal.apply();
                if (step % CHECK_EVERY == CHECK_EVERY - 1 || step == steps - 1) {
                    lossCurve.accept(loss);
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("trial cancelled at step " + (step + 1));
                    }
                }
            }
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double validation = accuracy(graph, built.inputs(), wide, TextTaskData.VALIDATION);
            double test = accuracy(graph, built.inputs(), wide, TextTaskData.TEST);
            if (Double.isNaN(validation)) {
                throw new ChildFailedException("diverged: NaN outputs on the validation split");
            }
            ObjectNode details = Json.MAPPER.createObjectNode();
            details.put("steps", steps).put("trainingSamples", steps * BATCH).put("finalLoss", loss)
                    .put("trainSeconds", trainSeconds).put("parameters", graph.numParams())
                    .put("deepTower", config.deepTower()).put("wideTower", config.wideTower())
                    .put("classes", task.classCount()).put("trainExamples", n)
                    .put("lookups", sparse ? "sparse" : bags ? "bags" : "sequences")
                    .put("optimizer", training.optimizer().id()).put("gradientClipping", training.gradientClipping());
            if (config.wideTower()) {
                INDArray w = graph.getLayer(bags ? "wideLogits" : "wideWeights").getParam("W");
                details.put("wideFeatures", wide.kind().id()).put("wideVocabulary", wide.vocabulary())
                        .put("wideNonZeroWeights", w.neq(0).castTo(DataType.INT).sumNumber().longValue())
                        .put("wideWeights", w.length());
            }
            details.put("network", graph.getConfiguration().toJson());
            return new Evaluation(validation, validation, test, details);
        } finally {
            graph.clear();
            graph.close(); // frees parameters, gradients and updater state now, not when (if ever) the GC runs
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }

    /** The failure reason of a diverged trial: where, and the settings that usually explain it. */
    private String divergence(double loss, long step, long steps) {
        StringBuilder b = new StringBuilder("diverged: loss ").append(Double.isNaN(loss) ? "NaN" : loss)
                .append(" at step ").append(step).append(" of ").append(steps).append(" (");
        if (config.deepTower()) {
            b.append("deep learning rate ").append(config.deepLearningRate()).append(", ");
        }
        if (config.wideTower()) {
            b.append("wide learning rate ").append(config.wideLearningRate()).append(", ");
        }
        b.append(training.optimizer().id()).append(", ").append(training.gradientClipping() > 0
                ? "gradients clipped to " + training.gradientClipping() : "no gradient clipping").append(")");
        return b.toString();
    }

    private double accuracy(ComputationGraph graph, List<String> names, WideFeatures wide, int split) {
        int n = task.size(split);
        int[] labels = task.labels(split);
        int correct = 0;
        for (int start = 0; start < n; start += EVAL_BATCH) {
            int[] idx = new int[Math.min(EVAL_BATCH, n - start)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = start + i;
            }
            Inputs in = inputs(names, wide, split, idx);
            INDArray out = graph.output(false, in.features, in.masks)[0];
            INDArray arg = out.argMax(1);
            for (int i = 0; i < idx.length; i++) {
                if (Double.isNaN(out.getDouble(i, 0))) {
                    return Double.NaN;
                }
                if (arg.getInt(i) == labels[idx[i]]) {
                    correct++;
                }
            }
            in.close();
            out.close();
            arg.close();
        }
        return (double) correct / n;
    }

    /** Feature and mask arrays of one batch, in the graph's input order. */
    private static final class Inputs implements AutoCloseable {
        final INDArray[] features;
        final INDArray[] masks;

        Inputs(int k) {
            features = new INDArray[k];
            masks = new INDArray[k];
        }

        @Override
        public void close() {
            for (INDArray a : features) {
                if (a != null && !a.wasClosed()) {
                    a.close();
                }
            }
            for (INDArray a : masks) {
                if (a != null && !a.wasClosed()) {
                    a.close();
                }
            }
        }
    }

    private Inputs inputs(List<String> names, WideFeatures wide, int split, int[] rows) {
        Inputs in = new Inputs(names.size());
        for (int k = 0; k < names.size(); k++) {
            switch (names.get(k)) {
                case "deep": {
                    int d = features.dimension();
                    float[] src = features.means(split);
                    float[] buf = new float[rows.length * d];
                    for (int i = 0; i < rows.length; i++) {
                        System.arraycopy(src, rows[i] * d, buf, i * d, d);
                    }
                    in.features[k] = Nd4j.create(buf, new long[] {rows.length, d}, 'c');
                    break;
                }
                case "deepIds":
                    sequences(features.ids(split), rows, in, k);
                    break;
                case "wideIds":
                    sequences(wide.ids(split), rows, in, k);
                    break;
                case "deepBag":
                    in.features[k] = sparse ? sparseBag(features.ids(split), null, rows, true)
                            : bag(features.ids(split), null, rows, features.localRows(), true);
                    break;
                case "wideBag":
                    in.features[k] = sparse ? sparseBag(wide.ids(split), wide.values(split), rows, false)
                            : bag(wide.ids(split), wide.values(split), rows, wide.vocabulary(), false);
                    break;
                default:
                    throw new IllegalStateException("unknown input " + names.get(k));
            }
        }
        return in;
    }

    /**
     * Rows of a bag-of-tokens matrix [rows x width]: the indicators of an example's ids, or with {@code mean} each id's
     * share of the example's ids (repeats counted), so that a product with a table is the sum or the mean of its rows;
     * with {@code values} (aligned with the ids) each id's value instead of 1.
     */
    private static INDArray bag(int[][] ids, float[][] values, int[] rows, int width, boolean mean) {
        float[] x = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            int[] s = ids[rows[i]];
            if (values != null) {
                float[] v = values[rows[i]];
                for (int j = 0; j < s.length; j++) {
                    x[i * width + s[j]] += v[j];
                }
                continue;
            }
            float w = mean ? 1f / s.length : 1f;
            for (int id : s) {
                x[i * width + id] += w;
            }
        }
        return Nd4j.create(x, new long[] {rows.length, width}, 'c');
    }

    /**
     * The same bags for a {@link SparseBagLayer}: [rows x 2L], each example's ids then their weights (1, the id's
     * share {@code 1/length} with {@code mean}, or the feature value), padded with weight 0.
     */
    private static INDArray sparseBag(int[][] ids, float[][] values, int[] rows, boolean mean) {
        int width = 1;
        for (int r : rows) {
            width = Math.max(width, ids[r].length);
        }
        float[] x = new float[rows.length * 2 * width];
        for (int i = 0; i < rows.length; i++) {
            int[] s = ids[rows[i]];
            SparseBagLayer.putRow(x, i, width, s, values == null ? null : values[rows[i]],
                    mean ? 1f / s.length : 1f);
        }
        return Nd4j.create(x, new long[] {rows.length, 2L * width}, 'c');
    }

    private static void sequences(int[][] ids, int[] rows, Inputs in, int k) {
        int len = 1;
        for (int r : rows) {
            len = Math.max(len, ids[r].length);
        }
        float[] x = new float[rows.length * len];
        float[] m = new float[rows.length * len];
        for (int i = 0; i < rows.length; i++) {
            int[] s = ids[rows[i]];
            for (int j = 0; j < s.length; j++) {
                x[i * len + j] = s[j];
                m[i * len + j] = 1f;
            }
        }
        in.features[k] = Nd4j.create(x, new long[] {rows.length, len}, 'c');
        in.masks[k] = Nd4j.create(m, new long[] {rows.length, len}, 'c');
    }

    private static INDArray oneHot(int[] labels, int[] rows, int classes) {
        float[] y = new float[rows.length * classes];
        for (int i = 0; i < rows.length; i++) {
            y[i * classes + labels[rows[i]]] = 1f;
        }
        return Nd4j.create(y, new long[] {rows.length, classes}, 'c').castTo(DataType.FLOAT);
    }

    private static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
