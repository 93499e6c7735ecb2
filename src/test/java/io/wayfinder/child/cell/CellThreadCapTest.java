package io.wayfinder.child.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.TestData;
import io.wayfinder.child.Nd4jThreads;
import io.wayfinder.run.Rng;
import io.wayfinder.space.Configuration;
import io.wayfinder.task.LanguageModelCorpus;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The faster set-up of recurrent-cell children (ND4J capped at one thread on the thread that trains the child) trains
 * the same model as ND4J's default (a team of every core per operation): same seed, same perplexity curve within
 * float rounding.
 */
class CellThreadCapTest {

    @Test
    void oneNd4jThreadGivesTheSamePerplexityCurveAsTheDefaultThreads() throws Exception {
        Path ptb = TestData.require("ptb/ptb.train.txt").getParent();
        LanguageModelCorpus corpus = LanguageModelCorpus.read(ptb, 3_000, 1_000, 1_000, 400);
        int threads = Nd4j.getEnvironment().maxThreads();
        int master = Nd4j.getEnvironment().maxMasterThreads();
        int blas = Nd4j.factory().blas().getMaxThreads();
        try {
            // ND4J's default is a team of every core per operation (at least two here, so that the arms differ)
            double[] defaults = onFreshThread(corpus, Math.max(2, Runtime.getRuntime().availableProcessors()));
            double[] capped = onFreshThread(corpus, 1);
            System.out.printf("cell child, validation perplexity by epoch: default threads %s, one thread %s%n",
                    java.util.Arrays.toString(defaults), java.util.Arrays.toString(capped));
            assertThat(defaults[0]).as("untrained perplexity (about the vocabulary size)").isGreaterThan(200);
            assertThat(defaults[defaults.length - 1]).as("it learns").isLessThan(0.6 * defaults[0]);
            for (int e = 0; e < defaults.length; e++) {
                assertThat(capped[e]).as("validation perplexity after epoch %d", e)
                        .isCloseTo(defaults[e], within(1e-3 * defaults[e]));
            }
        } finally {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(master);
            Nd4j.factory().blas().setMaxThreads(blas);
        }
    }

    /** Validation perplexity before training and after each of 2 epochs, trained on a new thread. */
    private static double[] onFreshThread(LanguageModelCorpus corpus, int threads) throws InterruptedException {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Nd4jThreads.capOnThisThread(threads);
                out.set(curve(corpus));
            } catch (RuntimeException | Error e) {
                out.set(e);
            }
        });
        t.start();
        t.join();
        if (out.get() instanceof Throwable e) {
            throw new AssertionError("training on " + threads + " thread(s) failed", e);
        }
        return (double[]) out.get();
    }

    private static double[] curve(LanguageModelCorpus corpus) {
        var space = LanguageModelEvaluatorTest.SPACE;
        Rng rng = new Rng(5);
        int[] sizes = space.slotSizes();
        int[] pick = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            pick[i] = rng.nextInt(sizes[i]);
        }
        for (var d : space.flat()) { // tanh everywhere keeps the cell from diverging
            if (d.path().endsWith("activation") || d.path().equals("cellInjectActivation")) {
                pick[d.index()] = d.choices().stream().map(c -> String.valueOf(c.value())).toList().indexOf("tanh");
            }
        }
        CellSpec spec = CellSpec.of(space, new Configuration(pick));
        LanguageModelSettings s = new LanguageModelSettings(8, 16, 8, 8, 2, 0.02, 9);
        double[] curve = new double[s.epochs() + 1];
        try (LanguageModel m = new UnrolledLanguageModel(new NasCell(spec), corpus.vocabulary().size(), s)) {
            curve[0] = m.perplexity(corpus.valid());
            for (int e = 0; e < s.epochs(); e++) {
                m.trainEpoch(corpus.train(), e, () -> false);
                curve[e + 1] = m.perplexity(corpus.valid());
            }
        }
        return curve;
    }
}
