package io.wayfinder.task;

/**
 * Trains and scores children for one task. An evaluator is created once per task and run, may cache data and
 * features across trials, and must be safe to call from several worker threads at once.
 */
public interface TrialEvaluator extends AutoCloseable {

    /**
     * Trains and scores one child. Throwing means the child failed (the search records a failed trial with the
     * exception's message and goes on); a diverged child should throw {@link ChildFailedException}.
     */
    Evaluation evaluate(TrialContext context) throws Exception;

    /** A stable id of the data set this evaluator reads, e.g. {@code nats-bench-tss/cifar10}. */
    String datasetId();

    /** A content hash of that data (SHA-256 hex) for provenance. */
    String datasetHash();

    /** What computes the children, for provenance, e.g. {@code nd4j-native (CPU)} or {@code table lookup}. */
    default String backend() {
        return "table lookup";
    }

    /** True when evaluation is a lookup (a tabular benchmark): the loop runs it inline instead of on a worker. */
    default boolean instant() {
        return false;
    }

    @Override
    default void close() {
    }
}
