package io.wayfinder.child.oneshot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.child.Nd4jThreads;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Rng;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.EvaluatorProvider;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.ImageDataSet;
import io.wayfinder.task.ImageTaskData;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import io.wayfinder.task.oneshot.OneShotModel.Pass;
import io.wayfinder.task.oneshot.OneShotModel.Split;
import io.wayfinder.task.oneshot.SgdMomentum;
import java.util.List;
import java.util.Set;

/**
 * Task kind {@code nb201-cell}: trains a NAS-Bench-201 cell from scratch on an image task, as the standalone network
 * of the one-shot super-network ({@link Nb201Supernet} with a derived cell: the same stem, cells, head, batch norm
 * and initialisation), with the super-network's weight optimiser (SGD with momentum, cosine learning rate, L2, gradient
 * clipping). The reward is the validation accuracy (the images held out of the training file, the split a one-shot
 * search's architecture steps read when its settings match), the test metric the accuracy on the test file's first
 * {@code testSize} images. This retrains a one-shot search's cell, and lets random search or AML search the same cells
 * with real training on the same task.
 */
public final class Nb201CellEvaluator implements TrialEvaluator {
    /** The documented task settings of this kind. */
    public static final Set<String> KEYS = Set.of("trainSize", "validationSize", "testSize", "splitSeed",
            "downsample", "channels", "cells", "batchSize", "epochs", "learningRate", "learningRateMin", "momentum",
            "weightDecay", "gradClip", "trainImages", "trainLabels", "testImages", "testLabels", "classes");

    /**
     * @param channels        channels of the stem and every cell
     * @param cells           cells stacked after the stem
     * @param batchSize       examples per step
     * @param epochs          passes over the training images
     * @param learningRate    initial SGD learning rate
     * @param learningRateMin final (cosine-annealed) learning rate
     * @param momentum        SGD momentum
     * @param weightDecay     L2 on the weights
     * @param gradClip        global gradient norm clip
     */
    public record CellTraining(int channels, int cells, int batchSize, int epochs, double learningRate,
                               double learningRateMin, double momentum, double weightDecay, double gradClip) {
        /** The learning rate of epoch {@code epoch} (0-based) of {@code total}: cosine from the first to the last. */
        double rate(int epoch, int total) {
            double t = total <= 1 ? 0 : (double) epoch / total;
            return learningRateMin + 0.5 * (learningRate - learningRateMin) * (1 + Math.cos(Math.PI * t));
        }
    }

    private final TaskSpec task;
    private final ImageTaskData data;
    private final CellTraining training;
    private final Nb201Supernet.Images trainVal;
    private final Nb201Supernet.Images trainTest;

    public Nb201CellEvaluator(TaskSpec task, ImageTaskData data, CellTraining training) {
        this.task = task;
        this.data = data;
        this.training = training;
        this.trainVal = images(data.train(), data.validation());
        this.trainTest = data.test().count() > 0 ? images(data.train(), data.test()) : null;
    }

    private Nb201Supernet.Images images(ImageDataSet train, ImageDataSet other) {
        return new Nb201Supernet.Images(pixels(train), labels(train), pixels(other), labels(other), train.rows(),
                train.cols(), train.classes(), data.datasetId(), data.hash());
    }

    private static float[] pixels(ImageDataSet d) {
        float[] out = new float[d.count() * d.pixelsPerImage()];
        d.scaledPixels(null, 0, d.count(), out);
        return out;
    }

    private static int[] labels(ImageDataSet d) {
        int[] l = new int[d.count()];
        for (int i = 0; i < l.length; i++) {
            l[i] = d.label(i);
        }
        return l;
    }

    /** The configuration as one operation per edge, after checking the space is NAS-Bench-201's cell. */
    static int[] cell(SearchSpace space, int[] configuration) {
        List<FlatDecision> flat = space.flat();
        if (flat.size() != Nb201Supernet.EDGES.length) {
            throw new IllegalArgumentException("task kind nb201-cell trains NAS-Bench-201 cells: the space needs 6 "
                    + "decisions (edges), this one has " + flat.size());
        }
        for (FlatDecision f : flat) {
            List<String> ops = f.choices().stream().map(c -> c.valueText()).toList();
            if (!ops.equals(Nb201Supernet.OPERATIONS)) {
                throw new IllegalArgumentException("task kind nb201-cell: decision " + f.path() + " must offer "
                        + Nb201Supernet.OPERATIONS + " in this order, found " + ops);
            }
        }
        return configuration.clone();
    }

    @Override
    public Evaluation evaluate(TrialContext context) {
        Nd4jThreads.capOnThisThread(1);
        int[] cell = cell(context.space(), context.configuration().indices());
        long t0 = System.nanoTime();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        int epochs = context.scaled(training.epochs());
        try (Nb201Supernet net = new Nb201Supernet(trainVal, training.channels(), training.cells(),
                training.batchSize(), false, cell)) {
            Rng rng = new Rng(context.seed());
            double[] w = net.initialWeights(rng.nextLong());
            SgdMomentum sgd = new SgdMomentum(w.length);
            int n = net.examples(Split.TRAIN);
            int batch = training.batchSize();
            int steps = Math.max(1, n / batch);
            double lastLoss = Double.NaN;
            double lastAcc = Double.NaN;
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (context.cancelled().getAsBoolean()) {
                    throw new ChildFailedException("stopped during epoch " + (epoch + 1));
                }
                int[] order = rng.permutation(n);
                double lr = training.rate(epoch, epochs);
                double loss = 0;
                double acc = 0;
                for (int s = 0; s < steps; s++) {
                    int[] idx = java.util.Arrays.copyOfRange(order, s * batch, Math.min(n, (s + 1) * batch));
                    Pass p = net.pass(w, null, Split.TRAIN, idx, true, false);
                    if (!Double.isFinite(p.loss())) {
                        throw new ChildFailedException("the cell's loss is not finite in epoch " + (epoch + 1)
                                + "; lower learningRate");
                    }
                    sgd.step(w, p.weightGradient(), lr, training.momentum(), training.weightDecay(),
                            training.gradClip(), null);
                    loss += p.loss();
                    acc += p.accuracy();
                }
                lastLoss = loss / steps;
                lastAcc = acc / steps;
            }
            double validation = net.accuracy(w, null, Split.VALIDATION);
            double test = Double.NaN;
            if (trainTest != null) {
                try (Nb201Supernet onTest = new Nb201Supernet(trainTest, training.channels(), training.cells(),
                        training.batchSize(), false, cell)) {
                    test = onTest.accuracy(w, null, Split.VALIDATION);
                }
            }
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put("network", net.describe());
            details.put("parameters", w.length);
            details.put("epochs", epochs);
            details.put("trainImages", n);
            details.put("validationImages", data.validation().count());
            details.put("testImages", data.test().count());
            details.put("finalTrainLoss", lastLoss);
            details.put("finalTrainAccuracy", lastAcc);
            details.put("seconds", (System.nanoTime() - t0) / 1e9);
            // one ND4J/OpenMP thread computes on this thread: its CPU time is the trial's compute, whatever the load
            details.put("cpuSeconds", (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
            return new Evaluation(validation, validation, test, details);
        }
    }

    @Override
    public String datasetId() {
        return data.datasetId();
    }

    @Override
    public String datasetHash() {
        return data.hash();
    }

    @Override
    public String backend() {
        return "nd4j-native (CPU), SameDiff";
    }

    /** The {@code nb201-cell} task kind. */
    public static final class Provider implements EvaluatorProvider {
        @Override
        public String kind() {
            return "nb201-cell";
        }

        @Override
        public Set<String> settingKeys() {
            return KEYS;
        }

        @Override
        public TrialEvaluator create(TaskSpec task, TaskEnvironment environment) {
            var s = task.settings();
            CellTraining t;
            try {
                t = new CellTraining(s.integer("channels", 8, 1, 64), s.integer("cells", 2, 1, 5),
                        s.integer("batchSize", 32, 2, 1024), s.integer("epochs", 5, 1, 1000),
                        s.number("learningRate", 0.1, 1e-5, 10), s.number("learningRateMin", 0.001, 0, 10),
                        s.number("momentum", 0.9, 0, 0.999), s.number("weightDecay", 3e-4, 0, 1),
                        s.number("gradClip", 5, 1e-3, 1000));
            } catch (IllegalArgumentException e) {
                throw new InputException(s.source(), s.path(), e.getMessage());
            }
            return new Nb201CellEvaluator(task, ImageTaskData.load(task, environment), t);
        }
    }
}
