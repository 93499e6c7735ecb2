package io.wayfinder.task.oneshot;

import java.util.List;

/**
 * A weight-sharing super-network over a cell search space, seen as a differentiable function of flat weights and of
 * per-edge architecture weights: every candidate operation sits on every edge of the cell, and an edge's output is the
 * operations' outputs mixed by {@code softmax(alpha)} (DARTS' continuous relaxation) or, when a {@link Mixing#path()}
 * is given, only the chosen operation's output (ENAS' sampled child). The caller owns the weights and the
 * architecture weights and does the optimisation; the model only computes losses, accuracies and gradients on the
 * examples asked for, so the search is deterministic given the caller's seed.
 *
 * <p>Implementations are not thread-safe.
 */
public interface OneShotModel extends AutoCloseable {

    /** The data split a pass reads. */
    enum Split {
        /** The weights' training split. */
        TRAIN,
        /** The validation split (DARTS' architecture step, ENAS' reward). */
        VALIDATION
    }

    /**
     * How the candidate operations of each edge are combined.
     *
     * @param alphas        per edge, one architecture weight per operation (softmax-ed inside the model)
     * @param path          when not null, one operation per edge: only that operation runs (weight exactly 1)
     * @param auxiliarySkip the weight of an extra skip connection added to every edge (DARTS-'s auxiliary skip,
     *                      decayed to 0 during the search); 0 for plain DARTS
     */
    record Mixing(double[][] alphas, int[] path, double auxiliarySkip) {
        /** The continuous relaxation with these architecture weights. */
        public static Mixing relaxed(double[][] alphas) {
            return new Mixing(alphas, null, 0);
        }
    }

    /**
     * The result of one pass over a batch.
     *
     * @param loss           mean cross-entropy over the batch
     * @param accuracy       share of the batch classified correctly
     * @param weightGradient d loss / d weights (flat, like the weights), or null when not asked for
     * @param alphaGradient  d loss / d alphas, or null when not asked for
     */
    record Pass(double loss, double accuracy, double[] weightGradient, double[][] alphaGradient) {
    }

    /**
     * A named block of the flat weight vector.
     *
     * @param name      the variable's name
     * @param offset    where it starts in the flat vector
     * @param length    how many weights it holds
     * @param edge      the cell edge it belongs to, or -1 for shared parts (stem, classifier)
     * @param operation the operation it belongs to, or -1 for shared parts
     */
    record Block(String name, int offset, int length, int edge, int operation) {
    }

    /** The candidate operations, in the order of the search space's choices for every edge. */
    List<String> operations();

    /** The number of edges of the cell (the number of decisions). */
    int edges();

    /** The blocks of the flat weight vector, in order. */
    List<Block> blocks();

    /** The length of the flat weight vector. */
    default int parameterCount() {
        List<Block> b = blocks();
        return b.isEmpty() ? 0 : b.get(b.size() - 1).offset() + b.get(b.size() - 1).length();
    }

    /** Seeded initial weights (He-uniform convolutions, zero biases). */
    double[] initialWeights(long seed);

    /** The number of examples of a split. */
    int examples(Split split);

    /**
     * Loss, accuracy and the requested gradients on the examples at these positions of a split.
     *
     * @param weightGradient whether to compute d loss / d weights
     * @param alphaGradient  whether to compute d loss / d alphas (ignored on a path)
     */
    Pass pass(double[] weights, Mixing mixing, Split split, int[] examples, boolean weightGradient,
              boolean alphaGradient);

    /** Accuracy over a whole split, in batches. */
    double accuracy(double[] weights, Mixing mixing, Split split);

    /** A stable id of the data the model trains on. */
    String datasetId();

    /** A content hash of that data. */
    String datasetHash();

    /** One line saying what the network is (cells, channels, input size, parameters). */
    String describe();

    @Override
    default void close() {
    }
}
