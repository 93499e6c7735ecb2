package io.wayfinder.child;

import io.wayfinder.task.TextExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wide tower's input for one task and one choice of features: a vocabulary learnt from the training split only,
 * and per example the sorted ids of its known features with their values. Id 0 is a bias feature present in every
 * example with value 1 (the wide tower's class prior). Immutable.
 *
 * <p>The vocabulary: the {@code maxUnigrams} most frequent tokens seen at least {@code minCount} times in training
 * (ids 1..U, most frequent first, ties by the token), then for the n-gram kinds the {@code maxBigrams} most frequent
 * adjacent-token pairs seen at least {@code minCount} times (ids U+1..U+B). An example keeps at most
 * {@code maxTokens} unigram features (bias included, in reading order) and at most {@code maxTokens} bigram features.
 */
public final class WideFeatures {

    /** The wide tower's features, the choices of the space's {@code wideFeatures} decision. */
    public enum Kind {
        /** 1 for every known token of the example (the T-AML paper's wide tower; the default). */
        UNIGRAM_INDICATORS("unigram-indicators"),
        /** 1 for every known token and every known adjacent-token pair. */
        UNIGRAM_BIGRAM_INDICATORS("unigram-bigram-indicators"),
        /**
         * TF-IDF of the known tokens and pairs, as the linear baseline's: tf = 1 + ln(count), idf = ln((1 + n) /
         * (1 + df)) + 1 with n and df from the training split, the example's feature values scaled to unit L2 norm
         * (the bias feature stays 1).
         */
        UNIGRAM_BIGRAM_TFIDF("unigram-bigram-tfidf");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public boolean bigrams() {
            return this != UNIGRAM_INDICATORS;
        }

        /** The kind with this id; an IllegalArgumentException naming the ids otherwise. */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("wideFeatures must be one of " + ids() + ", found \"" + id + "\"");
        }

        public static List<String> ids() {
            return Arrays.stream(values()).map(Kind::id).toList();
        }
    }

    private final Kind kind;
    private final int vocabulary;
    private final int unigrams;
    private final int[][][] ids;
    private final float[][][] values;

    private WideFeatures(Kind kind, int vocabulary, int unigrams, int[][][] ids, float[][][] values) {
        this.kind = kind;
        this.vocabulary = vocabulary;
        this.unigrams = unigrams;
        this.ids = ids;
        this.values = values;
    }

    /**
     * @param splits the training, validation and test examples; the vocabulary and the document frequencies come
     *               from the first only
     */
    public static WideFeatures build(Kind kind, List<List<TextExample>> splits, int maxUnigrams, int maxBigrams,
                                     int minCount, int maxTokens) {
        List<TextExample> train = splits.get(0);
        Map<String, Integer> vocab = new HashMap<>();
        Map<String, Integer> unigramCounts = new HashMap<>();
        for (TextExample e : train) {
            for (String t : e.tokens()) {
                unigramCounts.merge(t, 1, Integer::sum);
            }
        }
        addMostFrequent(unigramCounts, minCount, maxUnigrams, vocab);
        int unigramRows = vocab.size();
        if (kind.bigrams()) {
            Map<String, Integer> bigramCounts = new HashMap<>();
            for (TextExample e : train) {
                String[] t = e.tokens();
                for (int i = 0; i + 1 < t.length; i++) {
                    bigramCounts.merge(t[i] + " " + t[i + 1], 1, Integer::sum);
                }
            }
            addMostFrequent(bigramCounts, minCount, maxBigrams, vocab);
        }
        int rows = vocab.size() + 1;
        int[][][] ids = new int[3][][];
        float[][][] values = kind == Kind.UNIGRAM_BIGRAM_TFIDF ? new float[3][][] : null;
        List<Map<Integer, Integer>> trainCounts = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<TextExample> xs = splits.get(s);
            ids[s] = new int[xs.size()][];
            for (int i = 0; i < xs.size(); i++) {
                Map<Integer, Integer> counts = counts(xs.get(i).tokens(), vocab, kind.bigrams(), maxTokens);
                int[] a = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
                Arrays.sort(a);
                ids[s][i] = a;
                if (values != null) {
                    if (s == 0) {
                        trainCounts.add(counts);
                    }
                }
            }
        }
        if (values != null) {
            double[] df = new double[rows];
            for (Map<Integer, Integer> counts : trainCounts) {
                for (int id : counts.keySet()) {
                    df[id]++;
                }
            }
            double n = train.size();
            for (int s = 0; s < 3; s++) {
                List<TextExample> xs = splits.get(s);
                values[s] = new float[xs.size()][];
                for (int i = 0; i < xs.size(); i++) {
                    Map<Integer, Integer> counts = s == 0 ? trainCounts.get(i)
                            : counts(xs.get(i).tokens(), vocab, true, maxTokens);
                    int[] a = ids[s][i];
                    double[] v = new double[a.length];
                    double norm = 0;
                    for (int k = 0; k < a.length; k++) {
                        if (a[k] == 0) {
                            continue;
                        }
                        v[k] = (1 + Math.log(counts.get(a[k]))) * (Math.log((1 + n) / (1 + df[a[k]])) + 1);
                        norm += v[k] * v[k];
                    }
                    norm = Math.sqrt(norm);
                    float[] f = new float[a.length];
                    for (int k = 0; k < a.length; k++) {
                        f[k] = a[k] == 0 ? 1f : (float) (norm > 0 ? v[k] / norm : 0);
                    }
                    values[s][i] = f;
                }
            }
        }
        return new WideFeatures(kind, rows, unigramRows, ids, values);
    }

    private static void addMostFrequent(Map<String, Integer> counts, int minCount, int max, Map<String, Integer> vocab) {
        List<Map.Entry<String, Integer>> frequent = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                frequent.add(e);
            }
        }
        frequent.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        int base = vocab.size();
        for (int i = 0; i < Math.min(max, frequent.size()); i++) {
            vocab.put(frequent.get(i).getKey(), base + i + 1);
        }
    }

    /** Known feature id -> occurrences in the example (bias id 0 once), within the per-example caps. */
    private static Map<Integer, Integer> counts(String[] tokens, Map<String, Integer> vocab, boolean bigrams,
                                                int maxTokens) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        counts.put(0, 1);
        for (String t : tokens) {
            Integer id = vocab.get(t);
            if (id != null && (counts.size() < maxTokens || counts.containsKey(id))) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        if (bigrams) {
            int unigramFeatures = counts.size();
            for (int i = 0; i + 1 < tokens.length; i++) {
                Integer id = vocab.get(tokens[i] + " " + tokens[i + 1]);
                if (id != null && (counts.size() - unigramFeatures < maxTokens || counts.containsKey(id))) {
                    counts.merge(id, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    public Kind kind() {
        return kind;
    }

    /** Rows of the wide tower's weight table (features + the bias feature). */
    public int vocabulary() {
        return vocabulary;
    }

    /** Rows that are unigrams (the bias row excluded); the rest are bigrams. */
    public int unigrams() {
        return unigrams;
    }

    /** Sorted feature ids of each example of a split (the bias id 0 first). */
    public int[][] ids(int split) {
        return ids[split];
    }

    /** The feature values aligned with {@link #ids(int)}, or null for indicator features (every value 1). */
    public float[][] values(int split) {
        return values == null ? null : values[split];
    }
}
