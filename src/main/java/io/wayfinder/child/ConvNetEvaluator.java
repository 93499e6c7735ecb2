package io.wayfinder.child;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.EvaluatorProvider;
import io.wayfinder.task.ImageDataSet;
import io.wayfinder.task.ImageTaskData;
import io.wayfinder.task.ImageTaskSettings;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains Zoph &amp; Le conv nets ({@link ConvNetPlan}, {@link ConvNetBuilder}) on an {@code image} task and scores them
 * on the validation split (reward: the best validation accuracy of the last {@code lastEpochs} epochs, optionally
 * cubed) and the test subset (accuracy after the last epoch). Every trial's details hold its {@code graph}
 * ({@link ConvNetPlan#toJson()}), per-epoch curves, the parameter count and the subset sizes. Thread-safe: the data
 * are read-only and every trial builds its own network.
 *
 * <p>Task setting {@code ndThreads} (default 0 = ND4J's default) caps ND4J's threads (OpenMP team, oneDNN, BLAS)
 * on the thread that trains each child; with several workers, 1 is usually fastest.
 */
public final class ConvNetEvaluator implements TrialEvaluator {
    private final TaskSpec task;
    private final ImageTaskData data;
    private final int threads;

    public ConvNetEvaluator(TaskSpec task, ImageTaskData data) {
        this.task = task;
        this.data = data;
        ConvNetTrainer.useFloat();
        this.threads = task.settings().integer("ndThreads", 0, 0, 256);
        Nd4jThreads.capOnThisThread(threads);
    }

    /** Registers this evaluator for task kind {@code image}. */
    public static final class Provider implements EvaluatorProvider {
        /** The documented task settings of this kind. */
        public static final java.util.Set<String> KEYS = java.util.Set.of("trainSize", "validationSize", "testSize", "splitSeed", "epochs", "batchSize", "learningRate", "cubedReward", "lastEpochs", "trainImages", "trainLabels", "testImages", "testLabels", "classes", "downsample", "ndThreads", "learningRateSchedule");

        @Override
        public java.util.Set<String> settingKeys() {
            return KEYS;
        }

        @Override
        public String kind() {
            return "image";
        }

        @Override
        public TrialEvaluator create(TaskSpec task, TaskEnvironment environment) {
            return new ConvNetEvaluator(task, ImageTaskData.load(task, environment));
        }
    }

    public ImageTaskData data() {
        return data;
    }

    @Override
    public Evaluation evaluate(TrialContext context) {
        Nd4jThreads.capOnThisThread(threads);
        ImageTaskSettings s = data.settings();
        ImageDataSet train = data.train();
        ConvNetArchitecture architecture = ConvNetArchitecture.from(context.space(), context.configuration());
        ConvNetPlan plan = ConvNetPlan.of(architecture, train.rows(), train.cols(), 1, train.classes());
        int epochs = context.scaled(s.epochs());
        int iterations = epochs * ((train.count() + s.batchSize() - 1) / s.batchSize());
        ComputationGraphConfiguration conf = ConvNetBuilder.configuration(plan, context.seed(), s.learningRate(),
                s.learningRateSchedule(), iterations);
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        OneDnnHelpers.install(net);
        ConvNetTrainer trainer = new ConvNetTrainer(net, context.cancelled());
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.set("graph", plan.toJson());
        details.put("parameters", net.numParams());
        details.put("trainImages", train.count());
        details.put("validationImages", data.validation().count());
        details.put("testImages", data.test().count());
        ArrayNode curve = details.putArray("epochs");
        details.put("epochsTrained", epochs);
        details.put("learningRateSchedule", s.learningRateSchedule());
        double[] validation = new double[epochs];
        long t0 = System.nanoTime();
        try {
            for (int e = 0; e < epochs; e++) {
                long te = System.nanoTime();
                double loss = trainer.fitEpoch(train, s.batchSize(), context.seed() * 31 + e);
                double trainSeconds = (System.nanoTime() - te) / 1e9;
                validation[e] = trainer.accuracy(data.validation());
                curve.addObject().put("epoch", e + 1).put("trainLoss", loss).put("validationAccuracy", validation[e])
                        .put("trainSeconds", trainSeconds)
                        .put("imagesPerSecond", train.count() / Math.max(1e-9, trainSeconds));
            }
            double test = trainer.accuracy(data.test());
            double bestValidation = maxLast(validation, s.lastEpochs());
            details.put("seconds", (System.nanoTime() - t0) / 1e9);
            details.put("lastEpochs", s.lastEpochs());
            details.put("cubedReward", s.cubedReward());
            return new Evaluation(s.reward(validation), bestValidation, test, details);
        } catch (OutOfMemoryError e) {
            throw new ChildFailedException("out of memory training " + plan.nodes().size() + " nodes", e);
        } finally {
            net.clear();
            // the worker thread's workspaces were sized for this child; the next one may be much smaller
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }

    private static double maxLast(double[] xs, int k) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = Math.max(0, xs.length - k); i < xs.length; i++) {
            best = Math.max(best, xs[i]);
        }
        return best;
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
        return "deeplearning4j " + Nd4j.getBackend().getClass().getSimpleName() + " (CPU, float, "
                + Nd4j.getEnvironment().maxThreads() + " ND4J thread(s) per operation, " + OneDnnHelpers.describe()
                + ")";
    }
}
