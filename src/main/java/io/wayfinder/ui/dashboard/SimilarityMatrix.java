package io.wayfinder.ui.dashboard;

/** Cosine similarity between task embeddings (the paper's figure 6). */
public final class SimilarityMatrix {
    private SimilarityMatrix() {
    }

    public static double[][] cosine(double[][] embeddings) {
        int n = embeddings.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int k = 0; k < embeddings[i].length; k++) {
                    dot += embeddings[i][k] * embeddings[j][k];
                    a += embeddings[i][k] * embeddings[i][k];
                    b += embeddings[j][k] * embeddings[j][k];
                }
                s[i][j] = a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
            }
        }
        return s;
    }
}
