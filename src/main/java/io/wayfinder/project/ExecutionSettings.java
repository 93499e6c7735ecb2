package io.wayfinder.project;

/**
 * How trials are executed.
 *
 * @param workers         trials trained at once (each single-threaded inside ND4J); 0 means one per core
 * @param failureReward   the reward a strategy receives for a failed child
 * @param checkpointEvery save the strategy state after this many observations (and always at the end)
 */
public record ExecutionSettings(int workers, double failureReward, int checkpointEvery) {
    public ExecutionSettings {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be 0 (one per core) or more, got " + workers);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, got " + checkpointEvery);
        }
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(1, 0.0, 100);
    }

    /** The number of worker threads to use on this machine. */
    public int effectiveWorkers() {
        return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }
}
