package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.task.EmbeddingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Word2VecTrainerTest {
    /**
     * Two topics of 40 words each that never share a sentence, with shared filler words. A trained table puts a
     * word closer to words of its own topic than to words of the other.
     */
    static List<String[]> twoTopics(int sentences, long seed) {
        String[] animals = topic("animal");
        String[] vehicles = topic("vehicle");
        String[] filler = {"the", "a", "is", "was", "and"};
        Random r = new Random(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            String[] topic = i % 2 == 0 ? animals : vehicles;
            String[] s = new String[60]; // long, so words remain in context after subsampling
            for (int k = 0; k < s.length; k++) {
                s[k] = k % 3 == 2 ? filler[r.nextInt(filler.length)] : topic[r.nextInt(topic.length)];
            }
            out.add(s);
        }
        return out;
    }

    /** 40 words of one topic: {@code cat0 ... cat39}. */
    static String[] topic(String prefix) {
        String[] out = new String[40];
        for (int i = 0; i < out.length; i++) {
            out[i] = prefix + i;
        }
        return out;
    }

    static double cosine(EmbeddingTable t, String a, String b) {
        float[] x = t.vector(t.indexOf(a));
        float[] y = t.vector(t.indexOf(b));
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int k = 0; k < x.length; k++) {
            xy += x[k] * y[k];
            xx += x[k] * x[k];
            yy += y[k] * y[k];
        }
        return xy / Math.sqrt(xx * yy);
    }

    @Test
    void cbowAndSkipGramPutWordsOfOneTopicTogether() {
        List<String[]> corpus = twoTopics(4_000, 1);
        for (boolean skipGram : new boolean[] {false, true}) {
            EmbeddingTable t = new Word2VecTrainer(skipGram, 20, 3, 3, 3, 7).train(corpus);
            assertThat(t.size()).isEqualTo(85);
            assertThat(t.dimension()).isEqualTo(20);
            String[] animals = topic("animal");
            String[] vehicles = topic("vehicle");
            double same = 0;
            double cross = 0;
            int n = animals.length;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        same += (cosine(t, animals[i], animals[j]) + cosine(t, vehicles[i], vehicles[j]))
                                / (2.0 * n * (n - 1));
                    }
                    cross += cosine(t, animals[i], vehicles[j]) / (n * n);
                }
            }
            assertThat(same).as(skipGram ? "skip-gram" : "CBOW").isGreaterThan(cross + 0.3);
        }
    }

    @Test
    void theSameSeedGivesTheSameTableBitForBitAndAnotherSeedAnotherTable() {
        List<String[]> corpus = twoTopics(500, 2);
        Word2VecTrainer a = new Word2VecTrainer(false, 16, 5, 1, 2, 11);
        EmbeddingTable first = a.train(corpus);
        EmbeddingTable second = a.train(corpus);
        EmbeddingTable other = new Word2VecTrainer(false, 16, 5, 1, 2, 12).train(corpus);
        assertThat(second.contentHash()).isEqualTo(first.contentHash());
        assertThat(other.contentHash()).isNotEqualTo(first.contentHash());
    }

    @Test
    void wordsBelowTheMinimumFrequencyAreLeftOutAndTheMostFrequentComeFirst() {
        List<String[]> corpus = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            corpus.add(new String[] {"x", "y", "x"});
        }
        corpus.add(new String[] {"z", "z", "x", "rare"});
        EmbeddingTable t = new Word2VecTrainer(true, 8, 2, 2, 1, 1).train(corpus);
        assertThat(t.indexOf("rare")).isNegative();
        assertThat(t.size()).isEqualTo(3);
        assertThat(List.of(t.word(0), t.word(1), t.word(2))).containsExactly("x", "y", "z");
    }

    @Test
    void progressReportsEveryStageAndReachesTheTotal() {
        List<String> stages = new ArrayList<>();
        long[] last = new long[2];
        new Word2VecTrainer(false, 8, 2, 1, 2, 1).train(twoTopics(100, 4), (stage, done, total, rate) -> {
            stages.add(stage);
            last[0] = done;
            last[1] = total;
        });
        assertThat(stages).contains("counting words", "training epoch 1/2 done", "training epoch 2/2 done");
        assertThat(last[1]).isPositive();
        assertThat(last[0]).isEqualTo(last[1]);
    }
}
