package io.wayfinder.project;

/**
 * How trials are executed: the project's {@code execution} block, parsed once; an unknown key is an error naming the
 * closest known one.
 *
 * @param workers         trials trained at once (each single-threaded inside ND4J); 0 means one per core; 0 to 256
 * @param failureReward   the reward a strategy receives for a failed child; -100 to 100
 * @param checkpointEvery save the strategy state after this many observations (and always at the end); 1 to 1,000,000
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

    /** The documented keys of the {@code execution} block. */
    public static final java.util.List<String> KEYS = java.util.List.of("workers", "failureReward", "checkpointEvery");

    /** Parses and range-checks an {@code execution} block. */
    public static ExecutionSettings of(Settings s) {
        s.requireOnly(KEYS);
        return new ExecutionSettings(s.integer("workers", 1, 0, 256), s.number("failureReward", 0.0, -100, 100),
                s.integer("checkpointEvery", 100, 1, 1_000_000));
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(1, 0.0, 100);
    }

    /** The number of worker threads to use on this machine. */
    public int effectiveWorkers() {
        return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }
}
