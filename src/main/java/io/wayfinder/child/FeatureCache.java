package io.wayfinder.child;

import java.util.function.Supplier;

/**
 * A thread-safe, compute-once cache of {@link DeepFeatures} per (task content hash, module content hash, token cap):
 * the first trial that needs a (task, module) computes it, concurrent trials wait for that one computation, and every
 * later trial reuses it. Shared by all evaluators of the process (a multitask run shares modules across tasks).
 */
public final class FeatureCache {
    private static final FeatureCache SHARED = new FeatureCache();
    private final ComputeOnce<DeepFeatures> entries = new ComputeOnce<>();

    public static FeatureCache shared() {
        return SHARED;
    }

    public DeepFeatures get(String key, Supplier<DeepFeatures> compute) {
        return entries.get(key, compute, "features " + key);
    }

    /** Entries held (for tests and memory reports). */
    public int size() {
        return entries.size();
    }

    /** Drops every entry (tests, or a UI "free memory" action). */
    public void clear() {
        entries.clear();
    }
}
