package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextExample;
import io.wayfinder.task.baseline.TfIdfVectorizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wide tower's feature choices, checked against hand-built vocabularies and the linear baseline's TF-IDF. */
class WideFeaturesTest {
    private static TextExample ex(int label, String text) {
        return new TextExample(label, text.split(" "));
    }

    static final List<TextExample> TRAIN = List.of(ex(0, "free prize call now"), ex(0, "free prize now now"),
            ex(1, "see you at home"), ex(1, "see you soon"), ex(0, "call now free"));
    static final List<TextExample> VALIDATION = List.of(ex(1, "home soon see you"), ex(0, "unseen words only"));
    static final List<TextExample> TEST = List.of(ex(0, "free prize"));
    static final List<List<TextExample>> SPLITS = List.of(TRAIN, VALIDATION, TEST);

    @Test
    void unigramIndicatorsAreTheTokensSeenTwiceMostFrequentFirst() {
        WideFeatures w = WideFeatures.build(WideFeatures.Kind.UNIGRAM_INDICATORS, SPLITS, 100, 100, 2, 400);
        // counts: now 4, free 3, call 2, prize 2, see 2, you 2 (ties by token); at, home, soon: 1
        assertThat(w.vocabulary()).isEqualTo(7);
        assertThat(w.unigrams()).isEqualTo(6);
        assertThat(w.values(0)).isNull();
        assertThat(w.ids(0)[0]).containsExactly(0, 1, 2, 3, 4); // now=1 free=2 call=3 prize=4
        assertThat(w.ids(1)[0]).containsExactly(0, 5, 6); // see, you; home and soon are rare
        assertThat(w.ids(1)[1]).containsExactly(0); // the bias alone
        // the old constructor of TextTaskData is this choice
        TextTaskData task = new TextTaskData(new TextDataset("t", "h", List.of("a", "b"), TRAIN, VALIDATION, TEST,
                "given"), 100, 400);
        assertThat(task.wide(WideFeatures.Kind.UNIGRAM_INDICATORS).ids(0)).isDeepEqualTo(w.ids(0));
        assertThat(task.wideVocabulary()).isEqualTo(7);
    }

    @Test
    void bigramsComeFromTheTrainingSplitOnlyAfterTheUnigrams() {
        WideFeatures w = WideFeatures.build(WideFeatures.Kind.UNIGRAM_BIGRAM_INDICATORS, SPLITS, 100, 100, 2, 400);
        // pairs seen twice in training: "call now", "free prize", "see you" ("prize now" once)
        assertThat(w.vocabulary()).isEqualTo(7 + 3);
        assertThat(w.values(0)).isNull();
        // validation "home soon see you": "see you" is known (ids 7.. are bigrams), "home soon" is not
        int[] v = w.ids(1)[0];
        assertThat(v).hasSize(4).startsWith(0, 5, 6);
        assertThat(v[3]).isGreaterThan(w.unigrams());
        // min count and caps are respected
        assertThat(WideFeatures.build(WideFeatures.Kind.UNIGRAM_BIGRAM_INDICATORS, SPLITS, 100, 100, 3, 400)
                .vocabulary()).isEqualTo(1 + 2);
        WideFeatures capped = WideFeatures.build(WideFeatures.Kind.UNIGRAM_BIGRAM_INDICATORS, SPLITS, 2, 1, 2, 400);
        assertThat(capped.vocabulary()).isEqualTo(1 + 2 + 1);
        assertThat(capped.unigrams()).isEqualTo(2);
    }

    @Test
    void tfidfValuesAreTheBaselinesOnTheSameVocabulary() {
        // with every term kept (min count 1), the vocabulary is the baseline's: the values must agree
        WideFeatures w = WideFeatures.build(WideFeatures.Kind.UNIGRAM_BIGRAM_TFIDF, SPLITS, 1000, 1000, 1, 400);
        TfIdfVectorizer reference = TfIdfVectorizer.fit(TRAIN);
        assertThat(w.vocabulary() - 1).isEqualTo(reference.features());
        for (int s = 0; s < 3; s++) {
            List<TextExample> xs = SPLITS.get(s);
            for (int i = 0; i < xs.size(); i++) {
                double[] expected = reference.transform(xs.get(i).tokens()).value().clone();
                float[] values = w.values(s)[i];
                assertThat(values[0]).isEqualTo(1f); // the bias
                double[] actual = new double[values.length - 1];
                double norm = 0;
                for (int k = 1; k < values.length; k++) {
                    actual[k - 1] = values[k];
                    norm += values[k] * values[k];
                }
                java.util.Arrays.sort(expected);
                java.util.Arrays.sort(actual);
                assertThat(actual).as("split %d example %d", s, i).containsExactly(expected, within(1e-6));
                if (actual.length > 0) {
                    assertThat(norm).isCloseTo(1.0, within(1e-5));
                }
            }
        }
        // hand-computed: "now" occurs twice in train example 1 (tf 1 + ln 2) and in 3 of 5 documents
        WideFeatures hand = WideFeatures.build(WideFeatures.Kind.UNIGRAM_BIGRAM_TFIDF, SPLITS, 1, 0, 2, 400);
        assertThat(hand.ids(0)[1]).containsExactly(0, 1);
        assertThat(hand.values(0)[1]).containsExactly(1f, 1f); // one feature: unit norm
    }

    @Test
    void unknownChoiceNamesTheChoices() {
        assertThatThrownBy(() -> WideFeatures.Kind.of("trigrams")).hasMessage("wideFeatures must be one of "
                + "[unigram-indicators, unigram-bigram-indicators, unigram-bigram-tfidf], found \"trigrams\"");
    }
}
