package io.wayfinder.child.cell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.child.Nd4jThreads;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.EvaluatorProvider;
import io.wayfinder.task.FileHash;
import io.wayfinder.task.LanguageModelCorpus;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import java.nio.file.Path;

/**
 * Task kind {@code language-model}: a word-level language model on a Penn Treebank slice whose recurrent cell is the
 * configuration (the NAS cell space). Reward {@code c / (validation perplexity)^2} (Zoph &amp; Le, c = 80 by
 * default); the test perplexity is recorded as {@code c / (test perplexity)^2} and both raw perplexities go into the
 * trial's details with the cell's graph.
 *
 * <p>Settings: {@code trainTokens} (30000), {@code validTokens} (8000), {@code testTokens} (8000), {@code vocabulary}
 * (2000), {@code embedding} (32), {@code hidden} (64), {@code steps} (20), {@code batch} (24), {@code epochs} (2),
 * {@code learningRate} (0.01), {@code rewardConstant} (80), {@code cell} ({@code searched} or {@code lstm}: an LSTM
 * through the same path, ignoring the configuration), {@code ndThreads} (0 = ND4J's default: every core; 1 is fastest
 * with one worker per core, since a cell's operations are small).
 */
public final class LanguageModelEvaluator implements TrialEvaluator {
    private final LanguageModelCorpus corpus;
    private final Settings settings;
    private final String datasetId;
    private final String datasetHash;

    LanguageModelEvaluator(TaskSpec task, Path dir) {
        this.settings = task.settings();
        // every setting is checked here, once, before any trial (the per-trial ones too)
        modelSettings(settings, 0);
        this.corpus = LanguageModelCorpus.read(dir, settings.integer("trainTokens", 30_000, 1, 100_000_000),
                settings.integer("validTokens", 8_000, 1, 100_000_000),
                settings.integer("testTokens", 8_000, 1, 100_000_000),
                settings.integer("vocabulary", 2_000, 2, 1_000_000));
        this.datasetId = dir.getFileName() + String.format("/train%d-valid%d-test%d-vocab%d", corpus.train().length,
                corpus.valid().length, corpus.test().length, corpus.vocabulary().size());
        StringBuilder h = new StringBuilder();
        for (String f : LanguageModelCorpus.FILES) {
            h.append(FileHash.sha256(dir.resolve(f)));
        }
        this.datasetHash = FileHash.sha256(h.toString());
    }

    /** The documented ranges of the child-model settings. */
    private static LanguageModelSettings modelSettings(Settings settings, long seed) {
        settings.oneOf("cell", "searched", java.util.List.of("searched", "lstm"));
        settings.number("rewardConstant", 80, 1e-9, 1e9);
        settings.integer("ndThreads", 0, 0, 256);
        return new LanguageModelSettings(settings.integer("embedding", 32, 1, 4096),
                settings.integer("hidden", 64, 1, 4096), settings.integer("steps", 20, 1, 10_000),
                settings.integer("batch", 24, 1, 65_536), settings.integer("epochs", 2, 1, 1000),
                settings.number("learningRate", 0.01, 1e-9, 10), seed);
    }

    @Override
    public Evaluation evaluate(TrialContext context) {
        // OpenMP keeps its thread count per calling thread: cap it on the thread that trains this child
        Nd4jThreads.capOnThisThread(settings.integer("ndThreads", 0, 0, 256));
        LanguageModelSettings base = modelSettings(settings, context.seed());
        LanguageModelSettings s = new LanguageModelSettings(base.embedding(), base.hidden(), base.steps(), base.batch(),
                context.scaled(base.epochs()), base.learningRate(), base.seed());
        boolean lstm = settings.oneOf("cell", "searched", java.util.List.of("searched", "lstm")).equals("lstm");
        CellSpec spec = lstm ? null : CellSpec.of(context.space(), context.configuration());
        double c = settings.number("rewardConstant", 80, 1e-9, 1e9);
        long t0 = System.nanoTime();
        ObjectNode details = Json.MAPPER.createObjectNode();
        double valid;
        double test;
        try (LanguageModel m = new UnrolledLanguageModel(lstm ? new LstmCell() : new NasCell(spec),
                corpus.vocabulary().size(), s)) {
            var curve = details.putArray("validPerplexityPerEpoch");
            for (int e = 0; e < s.epochs(); e++) {
                if (context.cancelled().getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                m.trainEpoch(corpus.train(), e, context.cancelled());
                double p = m.perplexity(corpus.valid());
                curve.add(p);
                if (!Double.isFinite(p)) {
                    throw new ChildFailedException("validation perplexity became " + p + " in epoch " + (e + 1));
                }
            }
            valid = curve.get(curve.size() - 1).asDouble();
            for (int e = 0; e < curve.size(); e++) {
                valid = Math.min(valid, curve.get(e).asDouble());
            }
            test = m.perplexity(corpus.test());
        }
        details.put("validPerplexity", valid);
        details.put("testPerplexity", test);
        details.put("cell", lstm ? "lstm" : "searched");
        details.put("vocabulary", corpus.vocabulary().size());
        details.put("seconds", (System.nanoTime() - t0) / 1e9);
        if (spec != null) {
            details.set("graph", CellGraph.of(spec, s.hidden()));
        }
        double reward = c / (valid * valid);
        return new Evaluation(reward, reward, c / (test * test), details);
    }

    @Override
    public String datasetId() {
        return datasetId;
    }

    @Override
    public String datasetHash() {
        return datasetHash;
    }

    @Override
    public String backend() {
        return org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName() + " (SameDiff)";
    }

    /** Registers kind {@code language-model}. */
    public static final class Provider implements EvaluatorProvider {
        /** The documented task settings of this kind. */
        public static final java.util.Set<String> KEYS = java.util.Set.of("trainTokens", "validTokens", "testTokens", "vocabulary", "embedding", "hidden", "steps", "batch", "epochs", "learningRate", "cell", "rewardConstant", "ndThreads");

        @Override
        public java.util.Set<String> settingKeys() {
            return KEYS;
        }

        @Override
        public String kind() {
            return "language-model";
        }

        @Override
        public TrialEvaluator create(TaskSpec task, TaskEnvironment environment) {
            if (task.data() == null) {
                throw new InputException(task.settings().source(), "tasks." + task.name() + ".data",
                        "the corpus directory (e.g. ptb), relative to the data directory");
            }
            return new LanguageModelEvaluator(task, environment.resolve(task.data()));
        }
    }
}
