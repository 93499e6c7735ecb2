package io.wayfinder.strategy;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A search strategy: proposes configurations and learns from the results. The search loop owns the order of calls;
 * a strategy sees only frozen observations. Implementations are deterministic given their seed and the sequence of
 * calls, and {@link #state()} / {@link #restore(byte[])} capture everything needed to continue exactly (controller
 * weights, optimiser moments, baselines, random state). A strategy writes only its payload
 * ({@link #writeState} / {@link #readState}); the envelope (kind, version, checksum) is {@link StateCodec}'s, so a
 * truncated, corrupt or foreign blob is refused with a clear message. Strategies are built by their
 * {@link StrategyProvider}, found through {@link Strategies}.
 */
public interface Strategy {

    /** A short id such as {@code random}, {@code aml}, {@code maml} or {@code taml}. */
    String id();

    /**
     * Proposes a configuration for the task with this index in the run. The loop may call it again without observing
     * the proposal when the search space's constraints forbid it, so a proposal carries no obligation.
     */
    Configuration propose(int task);

    /**
     * The natural log of the probability the strategy's current policy gives {@code configuration} for the task, or
     * NaN when it has no policy over configurations (evolution mutates parents). The search loop asks right after
     * {@link #propose(int)}, so the figure is the one the configuration was sampled with; it is recorded in the
     * trial's provenance as {@code proposalLogProbability}.
     */
    default double logProbability(int task, Configuration configuration) {
        return Double.NaN;
    }

    /**
     * What the strategy did to arrive at the proposal it just made, as a JSON object, or empty. The search loop asks
     * right after {@link #propose(int)} (and {@link #logProbability}) and records it in the trial's provenance under
     * {@code search}; one-shot strategies report the super-network's training during the epoch that produced the cell
     * (see {@link io.wayfinder.run.SupernetEpoch}), so a reopened run can still chart it. A strategy reports a piece
     * of work once: the call consumes it.
     */
    default Optional<String> proposalNotes(int task) {
        return Optional.empty();
    }

    /** Learns from one finished trial. */
    void observe(Observation observation);

    /** The version of the payload {@link #writeState} writes; raise it when the layout changes. */
    default int stateVersion() {
        return 1;
    }

    /** Writes everything needed to continue exactly. */
    void writeState(DataOutputStream out) throws IOException;

    /**
     * Reads what {@link #writeState} wrote (payload version {@code version}, at most {@link #stateVersion()}).
     *
     * @throws IOException              when the payload is malformed
     * @throws IllegalArgumentException when it does not fit this strategy (other task count, other space)
     */
    void readState(DataInputStream in, int version) throws IOException;

    /** The complete state as bytes: {@link StateCodec}'s envelope of kind {@code strategy/ID}. */
    default byte[] state() {
        return StateCodec.encode(stateKind(id()), stateVersion(), this::writeState);
    }

    /**
     * Continues from bytes produced by {@link #state()} of a strategy built the same way.
     *
     * @throws StateCodec.StateFormatException when the bytes are truncated, corrupt, of another strategy or format
     */
    default void restore(byte[] state) {
        StateCodec.decode(state, List.of(stateKind(id())), stateVersion(), (in, version) -> {
            readState(in, version);
            return null;
        });
    }

    /** The envelope kind of a strategy's state. */
    static String stateKind(String id) {
        return "strategy/" + id;
    }

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

    /**
     * For strategies that model good and bad regions (TPE): per slot, the density of choices among the good trials
     * and among the rest, for the live view. Empty for the others.
     */
    default Optional<DecisionDensities> densities(int task) {
        return Optional.empty();
    }

    /**
     * For evolutionary strategies: a task's current population, oldest first, for the live view. Empty for the
     * others.
     */
    default Optional<List<PopulationMember>> population(int task) {
        return Optional.empty();
    }

    /** Learned task embeddings (one row per task of the run), or empty when the strategy has none. */
    default Optional<double[][]> taskEmbeddings() {
        return Optional.empty();
    }
}
