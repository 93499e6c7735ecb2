package io.wayfinder.child;

import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A text task prepared for the wide tower: a token vocabulary from the training split (the most frequent
 * {@code wideVocabulary} tokens seen at least twice) and, per example, the sorted unique ids of its known tokens: the
 * bag-of-tokens indicators. Id 0 is a bias token present in every example (the wide tower's class prior). Immutable.
 */
public final class TextTaskData {
    /** Splits: 0 train, 1 validation, 2 test. */
    public static final int TRAIN = 0;
    public static final int VALIDATION = 1;
    public static final int TEST = 2;

    private final TextDataset dataset;
    private final int wideVocabulary;
    private final int[][][] wideIds;
    private final int[][] labels;

    public TextTaskData(TextDataset dataset, int maxVocabulary, int maxTokens) {
        this.dataset = dataset;
        Map<String, Integer> counts = new HashMap<>();
        for (TextExample e : dataset.train()) {
            for (String t : e.tokens()) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> frequent = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= 2) {
                frequent.add(e);
            }
        }
        frequent.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        Map<String, Integer> vocab = new HashMap<>();
        for (int i = 0; i < Math.min(maxVocabulary, frequent.size()); i++) {
            vocab.put(frequent.get(i).getKey(), i + 1);
        }
        this.wideVocabulary = vocab.size() + 1;
        List<List<TextExample>> splits = List.of(dataset.train(), dataset.validation(), dataset.test());
        this.wideIds = new int[3][][];
        this.labels = new int[3][];
        for (int s = 0; s < 3; s++) {
            List<TextExample> xs = splits.get(s);
            wideIds[s] = new int[xs.size()][];
            labels[s] = new int[xs.size()];
            for (int i = 0; i < xs.size(); i++) {
                LinkedHashSet<Integer> ids = new LinkedHashSet<>();
                ids.add(0);
                for (String t : xs.get(i).tokens()) {
                    Integer id = vocab.get(t);
                    if (id != null && ids.size() < maxTokens) {
                        ids.add(id);
                    }
                }
                int[] a = ids.stream().mapToInt(Integer::intValue).toArray();
                Arrays.sort(a);
                wideIds[s][i] = a;
                labels[s][i] = xs.get(i).label();
            }
        }
    }

    public TextDataset dataset() {
        return dataset;
    }

    /** Rows of the wide tower's weight table (tokens + the bias token). */
    public int wideVocabulary() {
        return wideVocabulary;
    }

    public int[][] wideIds(int split) {
        return wideIds[split];
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
