package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.TestData;
import io.wayfinder.project.Settings;
import io.wayfinder.run.Json;
import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.EmbeddingTable;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.TextTaskLoader;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The child's optimisers and its failure on divergence: proximal Adagrad's step against its closed form on tiny
 * problems worked by hand, its exact zeros on real data (sms-spam), the Adagrad path unchanged, the wide tower's
 * feature choices through real training.
 */
class TextChildOptimizerTest {
    static final ChildTraining PROXIMAL = new ChildTraining(ChildTraining.Optimizer.PROXIMAL_ADAGRAD, 0);
    static final double EPS = 1e-6; // Deeplearning4j's Adagrad epsilon
    static TextTaskData task;
    static DeepFeatures features;

    @BeforeAll
    static void load() {
        TestData.require("sms-spam/data.tsv");
        TestData.require("glove-6B-100d");
        Settings s = Settings.of("test", "$", Json.readTree("{\"maxTrain\": 600, \"maxEval\": 300}", "s"));
        task = new TextTaskData(TextTaskLoader.load(TestData.dataDirectory().resolve("sms-spam"), s), 20_000, 400);
        EmbeddingTable glove = EmbeddingTable.read(TestData.dataDirectory().resolve(EmbeddingModules.GLOVE_FILE),
                20_000);
        features = DeepFeatures.compute(task, glove, 400);
    }

    private static TamlChildConfig wideOnly(double learningRate, double l1, long samples, WideFeatures.Kind kind) {
        return new TamlChildConfig("glove-100d-20k", false, 1, 8, "relu", "none", 0.0, 0.1, Double.NaN,
                learningRate, l1, samples, kind);
    }

    @Test
    void theAdagradPathIsUnchanged() {
        // recorded with the code before proximal Adagrad and the wide-feature choices existed (same machine, CPU)
        TamlChildConfig c = new TamlChildConfig("glove-100d-20k", true, 2, 32, "relu", "none", 0.0, 0.1, 1e-3, 0.3,
                1e-3, 3000);
        List<Double> curve = new ArrayList<>();
        Evaluation e = new TextChildTrainer(task, features, c, false, true).lossCurve(curve::add)
                .run(3000, 42, () -> false);
        assertThat(curve.stream().mapToDouble(Double::doubleValue).toArray())
                .containsExactly(new double[] {13.61696490683891, 7.1294445630958485, 4.486779001984886}, within(1e-9));
        assertThat(e.validationMetric()).isEqualTo(0.98);
        assertThat(e.details().get("optimizer").asText()).isEqualTo("adagrad");
        assertThat(e.details().get("wideFeatures").asText()).isEqualTo("unigram-indicators");
    }

    @Test
    void oneProximalStepOnTheWideTowerIsTheSoftThresholdWorkedByHand() {
        double lr = 0.1;
        double l1 = 0.1;
        TamlChildConfig c = wideOnly(lr, l1, 100, WideFeatures.Kind.UNIGRAM_INDICATORS);
        TwoTowerNetwork.Built built = TwoTowerNetwork.build(c, 1, 1, 4, 2, 1, false, true, PROXIMAL);
        ComputationGraph g = built.graph();
        assertThat(g.getConfiguration().toJson()).doesNotContain("L1Regularization");
        // two examples: tokens {bias, 1} of class 0 and {bias, 2} of class 1; token 3 absent
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 1, 0, 0}, {1, 0, 1, 0}});
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        g.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}));
        new ProximalAdagrad(g, built.proximal()).apply();
        INDArray w = g.getLayer("wideLogits").getParam("W");
        // zero weights: p = (0.5, 0.5); mean gradient of the softmax cross-entropy x^T (p - y) / 2:
        // bias row 0 (one example each way), row 1 (-0.25, +0.25), row 2 (+0.25, -0.25), row 3 0.
        // Adagrad (Deeplearning4j starts the accumulator at epsilon): h = eps + 0.0625, a = lr / (sqrt(h) + eps),
        // v = -a g; proximal: |w| = |v| - a l1
        double a = lr / (Math.sqrt(EPS + 0.0625) + EPS);
        double magnitude = a * 0.25 - a * l1;
        double[][] expected = {{0, 0}, {magnitude, -magnitude}, {-magnitude, magnitude}, {0, 0}};
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 2; k++) {
                assertThat(w.getDouble(i, k)).as("w[%d][%d]", i, k).isCloseTo(expected[i][k], within(1e-8));
            }
        }
        // an L1 weight above the gradient's scale zeroes every weight exactly
        TwoTowerNetwork.Built strong = TwoTowerNetwork.build(wideOnly(lr, 0.3, 100,
                WideFeatures.Kind.UNIGRAM_INDICATORS), 1, 1, 4, 2, 1, false, true, PROXIMAL);
        strong.graph().fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}));
        new ProximalAdagrad(strong.graph(), strong.proximal()).apply();
        assertThat(strong.graph().getLayer("wideLogits").getParam("W").neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue()).isZero();
    }

    @Test
    void theInPlaceProximalStepEqualsTheCopyingOne() {
        TamlChildConfig c = new TamlChildConfig("m", true, 1, 4, "relu", "none", 0.0, 0.1, 0.01, 0.2, 0.01, 100);
        ComputationGraph[] graphs = new ComputationGraph[3];
        for (int k = 0; k < 3; k++) {
            // 0: in place, 1: copying, 2: sparse bag layers, in place
            TwoTowerNetwork.Built built = TwoTowerNetwork.build(c, 3, 5, 6, 2, 11, false, true, k == 2, PROXIMAL);
            ProximalAdagrad prox = new ProximalAdagrad(built.graph(), built.proximal());
            java.util.Random rnd = new java.util.Random(5);
            for (int step = 0; step < 6; step++) {
                // bags that leave some rows out, so the sparse terms skip them
                INDArray deep = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 5);
                INDArray wide = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 6);
                INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 2);
                INDArray deepIds = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 2);
                INDArray wideIds = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 2);
                for (int i = 0; i < 4; i++) {
                    int d = rnd.nextInt(3);
                    int w = rnd.nextInt(4);
                    deep.putScalar(i, d, 1f);
                    wide.putScalar(i, w, 1f);
                    deepIds.putScalar(new long[] {i, 0}, d);
                    deepIds.putScalar(new long[] {i, 1}, 1f);
                    wideIds.putScalar(new long[] {i, 0}, w);
                    wideIds.putScalar(new long[] {i, 1}, 1f);
                    y.putScalar(i, rnd.nextInt(2), 1f);
                }
                INDArray[] inputs = k == 2 ? new INDArray[] {deepIds, wideIds} : new INDArray[] {deep, wide};
                built.graph().fit(new MultiDataSet(inputs, new INDArray[] {y}));
                prox.apply(k != 1);
            }
            graphs[k] = built.graph();
        }
        assertThat(graphs[0].params().equals(graphs[1].params())).as("same parameters, bit for bit").isTrue();
        double relative = graphs[2].params().sub(graphs[1].params()).norm2Number().doubleValue()
                / graphs[1].params().norm2Number().doubleValue();
        assertThat(relative).as("sparse bag layers vs dense products").isLessThan(1e-6);
    }

    @Test
    void oneProximalStepOnTheDeepTowerIsTheL2ShrinkOfTheClosedForm() {
        double lr = 0.1;
        double l2 = 0.5;
        TamlChildConfig c = new TamlChildConfig("m", false, 1, 2, "relu", "none", 0.0, lr, l2, 0.1, Double.NaN, 100);
        TwoTowerNetwork.Built built = TwoTowerNetwork.build(c, 3, 1, 1, 2, 7, false, true, PROXIMAL);
        ComputationGraph g = built.graph();
        assertThat(built.inputs()).containsExactly("deep");
        assertThat(built.proximal()).extracting(ProximalAdagrad.Term::layer).containsExactly("hidden0", "deepLogits");
        INDArray x = Nd4j.createFromArray(new float[][] {{0.5f, -1f, 2f}, {1f, 0.3f, -0.2f}});
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        // Deeplearning4j divides the summed gradient by the batch size in the updater
        INDArray grad = g.gradient().getGradientFor("hidden0_W").dup().divi(2);
        INDArray before = g.getLayer("hidden0").getParam("W").dup();
        g.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}));
        new ProximalAdagrad(g, built.proximal()).apply();
        INDArray after = g.getLayer("hidden0").getParam("W");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double gij = grad.getDouble(i, j);
                double a = lr / (Math.sqrt(EPS + gij * gij) + EPS); // first step: h = eps + g^2
                double expected = (before.getDouble(i, j) - a * gij) / (1 + a * l2);
                assertThat(after.getDouble(i, j)).as("W[%d][%d]", i, j).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void proximalL1GivesExactZerosOnRealDataWhereAdagradOnlyShrinks() {
        TamlChildConfig c = wideOnly(0.3, 1e-2, 6000, WideFeatures.Kind.UNIGRAM_INDICATORS);
        Evaluation adagrad = new TextChildTrainer(task, null, c, false, true).run(6000, 42, () -> false);
        Evaluation proximal = new TextChildTrainer(task, null, c, false, true, PROXIMAL).run(6000, 42, () -> false);
        long adagradNonZero = adagrad.details().get("wideNonZeroWeights").asLong();
        long proximalNonZero = proximal.details().get("wideNonZeroWeights").asLong();
        assertThat(proximal.details().get("optimizer").asText()).isEqualTo("proximal-adagrad");
        assertThat(proximalNonZero).isPositive().isLessThan(adagradNonZero / 2);
        // sparse, and still a spam filter (sms-spam is ~87% ham)
        assertThat(proximal.validationMetric()).isGreaterThan(0.9);
    }

    @Test
    void bigramAndTfidfFeaturesTrainTheWideTowerOnRealData() {
        for (WideFeatures.Kind kind : WideFeatures.Kind.values()) {
            Evaluation e = new TextChildTrainer(task, null, wideOnly(0.3, 0, 6000, kind), false, true)
                    .run(6000, 42, () -> false);
            assertThat(e.details().get("wideFeatures").asText()).isEqualTo(kind.id());
            assertThat(e.details().get("wideVocabulary").asInt()).isEqualTo(task.wide(kind).vocabulary());
            assertThat(e.validationMetric()).as(kind.id()).isGreaterThan(0.9);
        }
        assertThat(task.wide(WideFeatures.Kind.UNIGRAM_BIGRAM_INDICATORS).vocabulary())
                .isGreaterThan(task.wideVocabulary());
        // feature values need the bag lookups
        assertThatThrownBy(() -> new TextChildTrainer(task, null, wideOnly(0.3, 0, 600,
                WideFeatures.Kind.UNIGRAM_BIGRAM_TFIDF), false, false).run(600, 1, () -> false))
                .isInstanceOf(ChildFailedException.class).hasMessageContaining("needs the task setting lookups");
    }

    @Test
    void aDivergingChildStopsAtTheFirstNonFiniteLossWithItsSettings() {
        TamlChildConfig c = new TamlChildConfig("glove-100d-20k", false, 2, 32, "relu", "none", 0.0, 1e30, 0.0, 1e30,
                0.0, 100_000);
        assertThatThrownBy(() -> new TextChildTrainer(task, features, c, false, true).run(100_000, 1, () -> false))
                .isInstanceOf(ChildFailedException.class)
                .hasMessageMatching("diverged: loss (NaN|-?Infinity) at step [1-9] of 1000 \\(deep learning rate "
                        + "1\\.0E30, wide learning rate 1\\.0E30, adagrad, no gradient clipping\\)");
    }

    @Test
    void gradientClippingIsInTheNetworkAndTheDetails() {
        ChildTraining clip = new ChildTraining(ChildTraining.Optimizer.ADAGRAD, 1.0);
        TamlChildConfig c = wideOnly(0.3, 0, 1000, WideFeatures.Kind.UNIGRAM_INDICATORS);
        Evaluation e = new TextChildTrainer(task, null, c, false, true, clip).run(1000, 42, () -> false);
        assertThat(e.details().get("network").asText()).contains("ClipL2PerLayer");
        assertThat(e.details().get("gradientClipping").asDouble()).isEqualTo(1.0);
        assertThat(clip.describe()).contains("clipped to L2 norm 1.0 per layer");
        assertThatThrownBy(() -> new ChildTraining(ChildTraining.Optimizer.ADAGRAD, -1))
                .hasMessageContaining("gradientClipping");
    }

    @Test
    void theEvaluatorReadsTheSettingsTheNgramSpaceAndRecordsThemInTheProvenance(@org.junit.jupiter.api.io.TempDir
                                                                               java.nio.file.Path cache) {
        io.wayfinder.space.SearchSpace space = io.wayfinder.space.SearchSpaceCodec.read(
                TestData.samples().resolve("spaces/taml-text-ngrams.json"));
        assertThat(space.decisions()).hasSize(13);
        java.util.Map<String, Object> v = TextTrialEvaluatorTest.base();
        v.put("wideFeatures", "unigram-bigram-tfidf");
        v.put("fineTune", true);
        TextTrialEvaluator e = evaluator(cache, ", \"optimizer\": \"proximal-adagrad\", \"gradientClipping\": 5");
        Evaluation ev = e.evaluate(new io.wayfinder.task.TrialContext(space, space.configuration(v), null, 42, 1,
                () -> false));
        assertThat(ev.details().get("optimizer").asText()).startsWith("proximal-adagrad: ")
                .endsWith("gradients clipped to L2 norm 5.0 per layer");
        assertThat(ev.details().get("wideFeatures").asText()).isEqualTo("unigram-bigram-tfidf");
        assertThat(ev.validationMetric()).isBetween(0.5, 1.0);
        // the paper's space has no such decision: unigram indicators; the task's default optimiser is proximal Adagrad
        TextTrialEvaluator plain = evaluator(cache, "");
        Evaluation old = plain.evaluate(new io.wayfinder.task.TrialContext(TextTrialEvaluatorTest.SPACE,
                TextTrialEvaluatorTest.SPACE.configuration(TextTrialEvaluatorTest.base()), null, 42, 1, () -> false));
        assertThat(old.details().get("wideFeatures").asText()).isEqualTo("unigram-indicators");
        assertThat(old.details().get("optimizer").asText()).startsWith("proximal-adagrad: ")
                .endsWith("no gradient clipping");
        TextTrialEvaluator before = evaluator(cache, ", \"optimizer\": \"adagrad\"");
        assertThat(before.evaluate(new io.wayfinder.task.TrialContext(TextTrialEvaluatorTest.SPACE,
                TextTrialEvaluatorTest.SPACE.configuration(TextTrialEvaluatorTest.base()), null, 42, 1, () -> false))
                .details().get("optimizer").asText()).startsWith("adagrad: ");
        assertThatThrownBy(() -> evaluator(cache, ", \"optimizer\": \"adam\""))
                .isInstanceOf(io.wayfinder.run.InputException.class)
                .hasMessageContaining("optimizer").hasMessageContaining("proximal-adagrad");
        assertThatThrownBy(() -> evaluator(cache, ", \"wideMinCount\": 0"))
                .isInstanceOf(io.wayfinder.run.InputException.class).hasMessageContaining("wideMinCount");
    }

    private static TextTrialEvaluator evaluator(java.nio.file.Path cache, String extraSettings) {
        io.wayfinder.project.TaskSpec spec = new io.wayfinder.project.TaskSpec("sms-spam", "text", "sms-spam",
                "accuracy", Settings.of("test", "$.settings", Json.readTree("{\"maxTrain\": 400, \"maxEval\": 200"
                        + extraSettings + "}", "settings")));
        return (TextTrialEvaluator) io.wayfinder.task.EvaluatorProvider.forKind("text").create(spec,
                new io.wayfinder.task.TaskEnvironment(TestData.dataDirectory(), null, cache));
    }
}
