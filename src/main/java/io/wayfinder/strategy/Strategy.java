package io.wayfinder.strategy;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.space.Configuration;
import java.util.Optional;

/**
 * A search strategy: proposes configurations and learns from the results. The search loop owns the order of calls;
 * a strategy sees only frozen observations. Implementations are deterministic given their seed and the sequence of
 * calls, and {@link #state()} / {@link #restore(byte[])} capture everything needed to continue exactly (controller
 * weights, optimiser moments, baselines, random state).
 */
public interface Strategy {

    /** A short id such as {@code random}, {@code aml}, {@code maml} or {@code taml}. */
    String id();

    /**
     * Proposes a configuration for the task with this index in the run. The loop may call it again without observing
     * the proposal when the search space's constraints forbid it, so a proposal carries no obligation.
     */
    Configuration propose(int task);

    /** Learns from one finished trial. */
    void observe(Observation observation);

    /** The complete state as bytes. */
    byte[] state();

    /** Continues from bytes produced by {@link #state()} of a strategy built the same way. */
    void restore(byte[] state);

    /**
     * The current policy for a task, for the live dashboard: per slot, the probability of each choice. Strategies
     * without a policy (random search returns the uniform one) may return empty.
     */
    default Optional<PolicySnapshot> policy(int task, int observations) {
        return Optional.empty();
    }

    /** Whether the strategy learns from observations (its policy changes); random search does not. */
    default boolean learns() {
        return true;
    }

    /** Learned task embeddings (one row per task of the run), or empty when the strategy has none. */
    default Optional<double[][]> taskEmbeddings() {
        return Optional.empty();
    }
}
