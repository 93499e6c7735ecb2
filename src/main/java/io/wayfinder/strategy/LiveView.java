package io.wayfinder.strategy;

/**
 * What the workbench can show of a strategy while it runs; a provider declares the views its strategy feeds.
 */
public enum LiveView {
    /** Per slot, the probability of each choice ({@link Strategy#policy}): the policy bars. */
    POLICY,
    /** The current population (evolution): the configurations it keeps and their rewards. */
    POPULATION,
    /** Per slot, the good and bad densities ({@link Strategy#densities}): TPE's bars. */
    DENSITIES,
    /** Learned task embeddings ({@link Strategy#taskEmbeddings}): the similarity view. */
    TASK_EMBEDDINGS,
    /**
     * A weight-sharing super-network's training curves ({@link io.wayfinder.run.SupernetEpoch} in the trials'
     * provenance, from {@link Strategy#proposalNotes}), beside the policy bars.
     */
    SUPERNET
}
