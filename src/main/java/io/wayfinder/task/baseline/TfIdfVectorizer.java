package io.wayfinder.task.baseline;

import io.wayfinder.task.TextExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF features of unigrams and bigrams with sublinear term frequency, as scikit-learn's
 * {@code TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)}: tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1
 * with n and df counted on the training split only, every row scaled to unit L2 norm. Terms never seen in training are
 * dropped. Tokens are the child models' own ({@link io.wayfinder.task.Tokenizer}), so the baseline and the searched
 * models read the same words.
 */
public final class TfIdfVectorizer {
    /**
     * Which features: TF-IDF of unigrams and bigrams (the reference), or the wide tower's own features, unigram
     * indicators (1 when the token occurs, no idf, no normalisation), to compare the wide tower with a linear model
     * that sees exactly what it sees.
     */
    public enum Features {
        TFIDF_1_2("tfidf-1-2gram"), UNIGRAM_INDICATORS("unigram-indicators");

        private final String id;

        Features(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final Map<String, Integer> vocabulary;
    private final double[] idf;
    private final Features features;

    private TfIdfVectorizer(Map<String, Integer> vocabulary, double[] idf, Features features) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.features = features;
    }

    /** Learns the vocabulary and inverse document frequencies (TF-IDF of 1-2 grams) from the training examples. */
    public static TfIdfVectorizer fit(List<TextExample> train) {
        return fit(train, Features.TFIDF_1_2);
    }

    /** Learns the vocabulary (and, for TF-IDF, the document frequencies) of these features. */
    public static TfIdfVectorizer fit(List<TextExample> train, Features features) {
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Integer> df = new ArrayList<>();
        for (TextExample e : train) {
            for (String term : distinct(terms(e.tokens(), features))) {
                Integer id = vocabulary.get(term);
                if (id == null) {
                    vocabulary.put(term, df.size());
                    df.add(1);
                } else {
                    df.set(id, df.get(id) + 1);
                }
            }
        }
        double n = train.size();
        double[] idf = new double[df.size()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((1 + n) / (1 + df.get(i))) + 1;
        }
        return new TfIdfVectorizer(vocabulary, idf, features);
    }

    public int features() {
        return idf.length;
    }

    /** The sparse unit-norm TF-IDF row of one example: feature indices ascending, with their values. */
    public SparseRow transform(String[] tokens) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String term : terms(tokens, features)) {
            Integer id = vocabulary.get(term);
            if (id != null) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        int[] index = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] value = new double[index.length];
        if (features == Features.UNIGRAM_INDICATORS) {
            java.util.Arrays.fill(value, 1.0);
            return new SparseRow(index, value);
        }
        double norm = 0;
        for (int k = 0; k < index.length; k++) {
            value[k] = (1 + Math.log(counts.get(index[k]))) * idf[index[k]];
            norm += value[k] * value[k];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int k = 0; k < value.length; k++) {
                value[k] /= norm;
            }
        }
        return new SparseRow(index, value);
    }

    /** Unigrams and (for TF-IDF) adjacent-token bigrams, in order. */
    static List<String> terms(String[] tokens, Features features) {
        List<String> out = new ArrayList<>(tokens.length * 2);
        out.addAll(Arrays.asList(tokens));
        if (features == Features.UNIGRAM_INDICATORS) {
            return out;
        }
        for (int i = 0; i + 1 < tokens.length; i++) {
            out.add(tokens[i] + " " + tokens[i + 1]);
        }
        return out;
    }

    private static List<String> distinct(List<String> terms) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(terms));
    }

    /** A sparse feature row. */
    public record SparseRow(int[] index, double[] value) {
    }
}
