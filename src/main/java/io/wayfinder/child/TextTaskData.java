package io.wayfinder.child;

import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextExample;
import java.util.List;

/**
 * A text task prepared for the wide tower: by default a token vocabulary from the training split (the most frequent
 * {@code wideVocabulary} tokens seen at least twice) and, per example, the sorted unique ids of its known tokens: the
 * bag-of-tokens indicators. Id 0 is a bias token present in every example (the wide tower's class prior). The other
 * {@link WideFeatures.Kind}s (bigrams, TF-IDF) are built on first use. Immutable apart from that memo.
 */
public final class TextTaskData {
    /** Splits: 0 train, 1 validation, 2 test. */
    public static final int TRAIN = 0;
    public static final int VALIDATION = 1;
    public static final int TEST = 2;

    private final TextDataset dataset;
    private final int maxVocabulary;
    private final int maxBigrams;
    private final int minCount;
    private final int maxTokens;
    private final WideFeatures unigrams;
    private final int[][] labels;
    private final ComputeOnce<WideFeatures> wide = new ComputeOnce<>();

    /** The wide tower of before: unigram indicators of tokens seen at least twice. */
    public TextTaskData(TextDataset dataset, int maxVocabulary, int maxTokens) {
        this(dataset, maxVocabulary, maxTokens, 2, maxVocabulary);
    }

    /**
     * @param maxVocabulary most frequent tokens kept (setting {@code wideVocabulary})
     * @param maxTokens     features per example (setting {@code maxTokens}; for n-grams: unigrams and bigrams each)
     * @param minCount      training occurrences a token or a pair needs to be kept (setting {@code wideMinCount})
     * @param maxBigrams    most frequent adjacent-token pairs kept by the n-gram features (setting {@code wideBigrams})
     */
    public TextTaskData(TextDataset dataset, int maxVocabulary, int maxTokens, int minCount, int maxBigrams) {
        this.dataset = dataset;
        this.maxVocabulary = maxVocabulary;
        this.maxTokens = maxTokens;
        this.minCount = minCount;
        this.maxBigrams = maxBigrams;
        this.unigrams = WideFeatures.build(WideFeatures.Kind.UNIGRAM_INDICATORS, splits(), maxVocabulary, 0,
                minCount, maxTokens);
        List<List<TextExample>> splits = splits();
        this.labels = new int[3][];
        for (int s = 0; s < 3; s++) {
            List<TextExample> xs = splits.get(s);
            labels[s] = new int[xs.size()];
            for (int i = 0; i < xs.size(); i++) {
                labels[s][i] = xs.get(i).label();
            }
        }
    }

    private List<List<TextExample>> splits() {
        return List.of(dataset.train(), dataset.validation(), dataset.test());
    }

    /** The wide tower's features of this kind, built on first use and shared by every trial. */
    public WideFeatures wide(WideFeatures.Kind kind) {
        if (kind == WideFeatures.Kind.UNIGRAM_INDICATORS) {
            return unigrams;
        }
        return wide.get(kind.id(), () -> WideFeatures.build(kind, splits(), maxVocabulary, maxBigrams, minCount,
                maxTokens), "wide features " + kind.id() + " of " + dataset.id());
    }

    public TextDataset dataset() {
        return dataset;
    }

    /** Rows of the wide tower's weight table (tokens + the bias token). */
    public int wideVocabulary() {
        return unigrams.vocabulary();
    }

    /** The unigram indicators' ids (see {@link #wide(WideFeatures.Kind)} for the other features). */
    public int[][] wideIds(int split) {
        return unigrams.ids(split);
    }

    public int[] labels(int split) {
        return labels[split];
    }

    public int size(int split) {
        return labels[split].length;
    }

    public List<TextExample> examples(int split) {
        return split == TRAIN ? dataset.train() : split == VALIDATION ? dataset.validation() : dataset.test();
    }

    public int classCount() {
        return dataset.classCount();
    }
}
