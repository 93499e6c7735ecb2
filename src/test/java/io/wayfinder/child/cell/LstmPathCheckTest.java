package io.wayfinder.child.cell;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.task.LanguageModelCorpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The cell path (an LSTM written as a {@link CellFunction}, unrolled in SameDiff) against Deeplearning4j's own LSTM
 * layer on the same PTB slice, vocabulary, sizes, batches, optimiser and budget: perplexities must agree within
 * noise.
 */
class LstmPathCheckTest {

    @Test
    void anLstmThroughTheCellPathMatchesDeeplearning4jsLstm() {
        Path ptb = TestData.require("ptb/ptb.train.txt").getParent();
        LanguageModelCorpus corpus = LanguageModelCorpus.read(ptb, 24_000, 6_000, 6_000, 1_000);
        LanguageModelSettings s = new LanguageModelSettings(32, 64, 20, 24, 2, 0.01, 7);
        double[] cellPath = run(new UnrolledLanguageModel(new LstmCell(), corpus.vocabulary().size(), s), corpus);
        double[] dl4j = run(new Dl4jLstmLanguageModel(corpus.vocabulary().size(), s), corpus);
        System.out.printf("LSTM via cell path: valid ppl %.1f (untrained %.1f); DL4J LSTM: valid ppl %.1f (untrained %.1f)%n",
                cellPath[1], cellPath[0], dl4j[1], dl4j[0]);
        // both learn: far below the untrained (near-uniform, about the vocabulary size) perplexity
        assertThat(cellPath[1]).isLessThan(0.5 * cellPath[0]);
        assertThat(dl4j[1]).isLessThan(0.5 * dl4j[0]);
        assertThat(cellPath[1] / dl4j[1]).isBetween(0.85, 1.15);
    }

    static double[] run(LanguageModel m, LanguageModelCorpus c) {
        try (m) {
            double before = m.perplexity(c.valid());
            for (int e = 0; e < 2; e++) {
                m.trainEpoch(c.train(), e, () -> false);
            }
            return new double[]{before, m.perplexity(c.valid())};
        }
    }
}
