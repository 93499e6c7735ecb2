package io.wayfinder.child;

import io.wayfinder.run.InputException;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.EvaluatorProvider;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextTaskLoader;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains T-AML two-tower children (METHOD.md section 5) on a text-classification task: the {@code text} task kind.
 * Reward = validation accuracy; the test accuracy is recorded. Thread-safe: the task data, the embedding modules and
 * the deep features are shared, immutable, and built once; each trial builds its own network.
 *
 * <p>Task settings, besides the loader's ({@link TextTaskLoader}) and the module registry's
 * ({@link EmbeddingModules}): {@code featureCache} (default true: compute each (task, module)'s mean bags of words
 * once and share them; false, for benchmarks, is the uncached path: every trial prepares its task-local table and the
 * deep tower looks the tokens up and averages them inside the network at every step, as a network that reads the
 * module directly would), {@code maxTrainingSamples} (cap decision
 * 12, e.g. 30000; 0 = no cap), {@code maxTokens} (tokens per example, default 400), {@code wideVocabulary} (tokens of
 * the wide tower, default 20000), {@code preloadModules} (load every module when the evaluator is created, so no
 * trial pays for it; default false), {@code nd4jThreads} (threads inside ND4J per process, default 1: trials run in
 * parallel on workers instead), {@code lookups} ({@code bags}, the default: token lookups of the wide tower and of a
 * fine-tuned module are products with bag-of-tokens matrices; {@code sequences}: the embedding-sequence layers of
 * before, kept as the reference the equivalence test compares with), {@code wideMinCount} (training occurrences a token
 * or a token pair needs to enter the wide tower's vocabulary, default 2, 1 to 1,000,000), {@code wideBigrams} (token
 * pairs kept by the n-gram choices of the {@code wideFeatures} decision, default 20000, 0 to 10,000,000),
 * {@code optimizer} ({@code proximal-adagrad}, the default since issue 17, or {@code adagrad}, the optimiser of
 * before: see {@link ChildTraining}),
 * {@code gradientClipping} (0, the default, = off; otherwise the L2 norm each layer's gradient is clipped to).
 */
public final class TextTrialEvaluator implements TrialEvaluator {
    private static final Map<String, TextTaskData> TASKS = new ConcurrentHashMap<>();

    private final TaskSpec task;
    private final TextTaskData data;
    private final EmbeddingModules modules;
    private final boolean featureCache;
    private final long maxTrainingSamples;
    private final int maxTokens;
    private final int nd4jThreads;
    private final boolean bags;
    private final boolean sparse;
    private final ChildTraining training;

    public TextTrialEvaluator(TaskSpec task, TaskEnvironment environment) {
        this.task = task;
        Settings s = task.settings();
        if (task.data() == null) {
            throw new InputException(s.source(), "tasks." + task.name() + ".data",
                    "the data set folder, relative to the data directory (e.g. \"sms-spam\")");
        }
        Path location = environment.resolve(task.data());
        this.maxTokens = s.integer("maxTokens", 400, 1, 100_000);
        int wideVocabulary = s.integer("wideVocabulary", 20_000, 1, 10_000_000);
        int wideMinCount = s.integer("wideMinCount", 2, 1, 1_000_000);
        int wideBigrams = s.integer("wideBigrams", 20_000, 0, 10_000_000);
        String key = location.toAbsolutePath().normalize() + "|" + s + "|" + maxTokens + "|" + wideVocabulary + "|"
                + wideMinCount + "|" + wideBigrams;
        this.data = TASKS.computeIfAbsent(key, k -> new TextTaskData(TextTaskLoader.load(location, s),
                wideVocabulary, maxTokens, wideMinCount, wideBigrams));
        this.modules = new EmbeddingModules(environment, s);
        this.featureCache = s.bool("featureCache", true);
        String lookups = s.oneOf("lookups", "sparse", List.of("sparse", "bags", "sequences"));
        this.bags = !lookups.equals("sequences");
        this.sparse = lookups.equals("sparse");
        this.maxTrainingSamples = s.longValue("maxTrainingSamples", 0);
        this.nd4jThreads = s.integer("nd4jThreads", 1, 1, 256);
        this.training = new ChildTraining(ChildTraining.Optimizer.of(s.oneOf("optimizer",
                ChildTraining.TASK_DEFAULT.optimizer().id(), ChildTraining.Optimizer.ids())),
                s.number("gradientClipping", ChildTraining.TASK_DEFAULT.gradientClipping(), 0, 1e6));
        Nd4jThreads.capOnThisThread(nd4jThreads);
        if (s.bool("preloadModules", false)) {
            for (String m : modules.names()) {
                modules.get(m);
            }
        }
    }

    @Override
    public Evaluation evaluate(TrialContext context) {
        Nd4jThreads.capOnThisThread(nd4jThreads);
        TamlChildConfig c = TamlChildConfig.from(context.space(), context.configuration());
        if (!c.deepTower() && !c.wideTower()) {
            throw new ChildFailedException("both towers are disabled (deep and wide regularisation both \"off\")");
        }
        long samples = context.scaled(maxTrainingSamples > 0 ? Math.min(maxTrainingSamples, c.trainingSamples())
                : c.trainingSamples());
        DeepFeatures features = null;
        String moduleHash = null;
        String moduleId = null;
        long f0 = System.nanoTime();
        if (c.deepTower()) {
            EmbeddingModule m = modules.get(c.embedding());
            moduleHash = m.info().contentHash();
            moduleId = m.id();
            features = featureCache
                    ? FeatureCache.shared().get(data.dataset().hash() + "|" + moduleHash + "|" + maxTokens,
                        () -> DeepFeatures.compute(data, m.table(), maxTokens))
                    : DeepFeatures.compute(data, m.table(), maxTokens);
        }
        double featureSeconds = (System.nanoTime() - f0) / 1e9;
        try {
            Evaluation e = new TextChildTrainer(data, features, c, !featureCache, bags, training).sparseBags(sparse).run(samples, context.seed(), context.cancelled());
            e.details().put("featureSeconds", featureSeconds).put("featureCache", featureCache)
                    .put("embeddingModule", c.deepTower() ? c.embedding() : null).put("moduleHash", moduleHash).put("embeddingModuleId", moduleId)
                    .put("dataset", data.dataset().id()).put("split", data.dataset().split())
                    .put("optimizer", training.describe());
            return e;
        } catch (OutOfMemoryError oom) {
            throw new ChildFailedException("out of memory: " + oom.getMessage(), oom);
        }
    }

    public TextDataset dataset() {
        return data.dataset();
    }

    public EmbeddingModules modules() {
        return modules;
    }

    @Override
    public String datasetId() {
        return data.dataset().id();
    }

    @Override
    public String datasetHash() {
        return data.dataset().hash();
    }

    @Override
    public String backend() {
        return "Deeplearning4j 1.0.0-M2.1, nd4j-native (CPU), " + Nd4j.getEnvironment().maxThreads() + " ND4J thread(s)";
    }

    /** The {@code text} task kind. */
    public static final class Provider implements EvaluatorProvider {
        /** The documented task settings of this kind. */
        public static final java.util.Set<String> KEYS = java.util.Set.of("splitSeed", "groupLines", "maxTrain", "maxEval", "labelMapping", "dropLabels", "labels", "maxTokens", "wideVocabulary", "featureCache", "maxTrainingSamples", "nd4jThreads", "preloadModules", "lookups", "optimizer", "gradientClipping", "wideMinCount", "wideBigrams", "embeddingCorpus", "word2vecEpochs", "modules");

        @Override
        public java.util.Set<String> settingKeys() {
            return KEYS;
        }

        @Override
        public String kind() {
            return "text";
        }

        @Override
        public TrialEvaluator create(TaskSpec task, TaskEnvironment environment) {
            return new TextTrialEvaluator(task, environment);
        }
    }
}
