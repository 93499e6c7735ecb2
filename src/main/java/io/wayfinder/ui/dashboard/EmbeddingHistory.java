package io.wayfinder.ui.dashboard;

import io.wayfinder.metrics.Pca;
import io.wayfinder.run.EmbeddingSnapshot;
import java.util.List;

/** A run's task embeddings at every stored update and their 2-D PCA projection (fitted on all of them). */
public record EmbeddingHistory(List<EmbeddingSnapshot> snapshots, Pca.Projection projection) {
    public static EmbeddingHistory of(List<EmbeddingSnapshot> snapshots) {
        return new EmbeddingHistory(List.copyOf(snapshots),
                Pca.project(snapshots.stream().map(EmbeddingSnapshot::embeddings).toList()));
    }

    public int size() {
        return snapshots.size();
    }
}
