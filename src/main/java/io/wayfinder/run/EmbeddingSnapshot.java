package io.wayfinder.run;

/**
 * The task embeddings of a run after a number of observations (one row per task), as saved with each checkpoint.
 *
 * @param observations how many trials the strategy had observed
 * @param embeddings   one vector per task, in the run's task order
 */
public record EmbeddingSnapshot(int observations, double[][] embeddings) {
}
