package io.wayfinder.child;

import io.wayfinder.task.EmbeddingTable;
import io.wayfinder.task.TextExample;
import java.util.HashMap;
import java.util.Map;

/**
 * The deep tower's inputs for one (task, module): the mean bag of words of every example (a fixed feature when the
 * module is not fine-tuned), and for fine-tuning a task-local embedding table (the module's rows for the task's
 * words; row 0 is the zero "no known word" vector) with every example's token rows, capped at {@code maxTokens}.
 * Immutable; computed once per (task, module) by {@link FeatureCache}.
 */
public final class DeepFeatures {
    private final int dimension;
    private final float[][] means;
    private final int[][][] ids;
    private final float[] localTable;
    private final int localRows;

    private DeepFeatures(int dimension, float[][] means, int[][][] ids, float[] localTable, int localRows) {
        this.dimension = dimension;
        this.means = means;
        this.ids = ids;
        this.localTable = localTable;
        this.localRows = localRows;
    }

    public static DeepFeatures compute(TextTaskData task, EmbeddingTable table, int maxTokens) {
        int d = table.dimension();
        Map<Integer, Integer> local = new HashMap<>();
        java.util.List<Integer> rows = new java.util.ArrayList<>();
        rows.add(-1);
        float[][] means = new float[3][];
        int[][][] ids = new int[3][][];
        for (int s = 0; s < 3; s++) {
            var xs = task.examples(s);
            means[s] = new float[xs.size() * d];
            ids[s] = new int[xs.size()][];
            for (int i = 0; i < xs.size(); i++) {
                TextExample e = xs.get(i);
                int[] buf = new int[Math.min(maxTokens, e.tokens().length)];
                int n = 0;
                for (String t : e.tokens()) {
                    if (n >= buf.length) {
                        break;
                    }
                    int row = table.indexOf(t);
                    if (row < 0) {
                        continue;
                    }
                    table.addTo(row, means[s], i * d);
                    Integer l = local.get(row);
                    if (l == null) {
                        l = rows.size();
                        local.put(row, l);
                        rows.add(row);
                    }
                    buf[n++] = l;
                }
                if (n > 0) {
                    float inv = 1f / n;
                    for (int k = 0; k < d; k++) {
                        means[s][i * d + k] *= inv;
                    }
                    ids[s][i] = java.util.Arrays.copyOf(buf, n);
                } else {
                    ids[s][i] = new int[] {0};
                }
            }
        }
        float[] lt = new float[rows.size() * d];
        for (int r = 1; r < rows.size(); r++) {
            table.addTo(rows.get(r), lt, r * d);
        }
        return new DeepFeatures(d, means, ids, lt, rows.size());
    }

    public int dimension() {
        return dimension;
    }

    /** Mean-bag-of-words vectors of a split, row-major [examples x dimension]. */
    public float[] means(int split) {
        return means[split];
    }

    /** Local-table rows of each example's known tokens (at least one: row 0 when none is known). */
    public int[][] ids(int split) {
        return ids[split];
    }

    /** The task-local embedding table, row-major [localRows x dimension]. */
    public float[] localTable() {
        return localTable;
    }

    public int localRows() {
        return localRows;
    }
}
