package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.TestData;
import io.wayfinder.project.Settings;
import io.wayfinder.run.Json;
import io.wayfinder.task.EmbeddingTable;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.TextTaskLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast token lookups (products with bag-of-tokens matrices) train the same network as the embedding-sequence
 * layers they replace, and the sparse bags ({@link SparseBagLayer}, the default) the same as the dense bag products:
 * same seed, same loss curve within a float tolerance, same accuracy. Real data: sms-spam and GloVe, real
 * Deeplearning4j training.
 */
class TextLookupPathsTest {
    static TextTaskData task;
    static DeepFeatures features;

    @BeforeAll
    static void load() {
        TestData.require("sms-spam/data.tsv");
        TestData.require("glove-6B-100d");
        Settings s = Settings.of("test", "$", Json.readTree("{\"maxTrain\": 600, \"maxEval\": 300}", "s"));
        task = new TextTaskData(TextTaskLoader.load(TestData.dataDirectory().resolve("sms-spam"), s), 20_000, 400);
        EmbeddingTable glove = EmbeddingTable.read(TestData.dataDirectory().resolve(EmbeddingModules.GLOVE_FILE), 20_000);
        features = DeepFeatures.compute(task, glove, 400);
    }

    private static TamlChildConfig config(boolean fineTune, double dropout, String normalisation, double wideL1) {
        return new TamlChildConfig("glove-100d-20k", fineTune, 2, 32, "relu", normalisation, dropout, 0.1, 1e-4,
                0.1, wideL1, 6000);
    }

    private record Trained(List<Double> curve, Evaluation evaluation) {
    }

    private static Trained train(TamlChildConfig c, boolean lookupInNetwork, boolean bags) {
        return train(c, lookupInNetwork, bags, false);
    }

    private static Trained train(TamlChildConfig c, boolean lookupInNetwork, boolean bags, boolean sparse) {
        List<Double> curve = new ArrayList<>();
        Evaluation e = new TextChildTrainer(task, features, c, lookupInNetwork, bags).sparseBags(sparse)
                .lossCurve(curve::add).run(c.trainingSamples(), 42, () -> false);
        return new Trained(curve, e);
    }

    /** {@code actual} (lookups {@code path}) trains as {@code expected}: loss curve, validation, parameter count. */
    private static void assertTrainsAlike(TamlChildConfig c, Trained expected, Trained actual, String path,
                                          double tolerance) {
        assertThat(actual.evaluation().details().get("lookups").asText()).isEqualTo(path);
        assertThat(expected.curve()).hasSize(6);
        assertThat(actual.curve()).hasSameSizeAs(expected.curve());
        for (int i = 0; i < expected.curve().size(); i++) {
            double e = expected.curve().get(i);
            assertThat(actual.curve().get(i)).as("loss at check %d of %s", i + 1, c)
                    .isCloseTo(e, within(tolerance * Math.max(1.0, Math.abs(e))));
        }
        // one validation example either way at most (a float tie at the decision boundary)
        assertThat(actual.evaluation().validationMetric()).isCloseTo(expected.evaluation().validationMetric(),
                within(1.0 / task.size(TextTaskData.VALIDATION) + 1e-9));
        assertThat(actual.evaluation().details().get("parameters").asLong())
                .isEqualTo(expected.evaluation().details().get("parameters").asLong());
    }

    private static void assertSparseTrainsAsDense(TamlChildConfig c, boolean lookupInNetwork, double tolerance) {
        assertTrainsAlike(c, train(c, lookupInNetwork, true, false), train(c, lookupInNetwork, true, true), "sparse",
                tolerance);
    }

    private static void assertSameTraining(TamlChildConfig c, boolean lookupInNetwork, double tolerance) {
        assertTrainsAlike(c, train(c, lookupInNetwork, false), train(c, lookupInNetwork, true), "bags", tolerance);
    }

    @Test
    void fineTunedModuleAndWideTowerTrainTheSameWithBagsAsWithSequences() {
        assertSameTraining(config(true, 0.0, "none", 1e-4), false, 1e-3);
    }

    @Test
    void withDropoutAndBatchNormTheCurvesAgreeToo() {
        // batch norm at a high learning rate amplifies the float rounding differences a little more
        assertSameTraining(config(true, 0.2, "batch_norm", 1e-3), false, 1e-2);
    }

    @Test
    void theUncachedFrozenLookupTrainsTheSameToo() {
        assertSameTraining(config(false, 0.1, "layer_norm", 0.0), true, 1e-3);
    }

    @Test
    void theWideTowerAloneTrainsTheSameToo() {
        assertSameTraining(new TamlChildConfig("glove-100d-20k", false, 1, 8, "relu", "none", 0.0, 0.1, Double.NaN,
                0.3, 1e-3, 6000), false, 1e-3);
    }

    @Test
    void sparseBagsTrainAFineTunedModuleAndWideTowerAsTheDenseProductsDo() {
        assertSparseTrainsAsDense(config(true, 0.0, "none", 1e-4), false, 1e-4);
    }

    @Test
    void sparseBagsWithDropoutAndBatchNorm() {
        // as between bags and sequences: batch norm at learning rate 0.1 amplifies float rounding (0.9% at check 4)
        assertSparseTrainsAsDense(config(true, 0.2, "batch_norm", 1e-3), false, 1e-2);
    }

    @Test
    void sparseBagsForTheUncachedFrozenLookup() {
        assertSparseTrainsAsDense(config(false, 0.1, "layer_norm", 0.0), true, 1e-4);
    }

    @Test
    void sparseBagsCarryTfIdfValuesOfUnigramsAndBigrams() {
        assertSparseTrainsAsDense(new TamlChildConfig("glove-100d-20k", false, 1, 8, "relu", "none", 0.0, 0.1,
                Double.NaN, 0.3, 1e-3, 6000, WideFeatures.Kind.UNIGRAM_BIGRAM_TFIDF), false, 1e-4);
    }
}
