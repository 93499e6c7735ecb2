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
    private final Map<String, Integer> vocabulary;
    private final double[] idf;

    private TfIdfVectorizer(Map<String, Integer> vocabulary, double[] idf) {
        this.vocabulary = vocabulary;
        this.idf = idf;
    }

    /** Learns the vocabulary and inverse document frequencies from the training examples. */
    public static TfIdfVectorizer fit(List<TextExample> train) {
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Integer> df = new ArrayList<>();
        for (TextExample e : train) {
            for (String term : distinct(terms(e.tokens()))) {
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
        return new TfIdfVectorizer(vocabulary, idf);
    }

    public int features() {
        return idf.length;
    }

    /** The sparse unit-norm TF-IDF row of one example: feature indices ascending, with their values. */
    public SparseRow transform(String[] tokens) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String term : terms(tokens)) {
            Integer id = vocabulary.get(term);
            if (id != null) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        int[] index = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] value = new double[index.length];
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

    /** Unigrams and adjacent-token bigrams, in order. */
    static List<String> terms(String[] tokens) {
        List<String> out = new ArrayList<>(tokens.length * 2);
        out.addAll(Arrays.asList(tokens));
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
