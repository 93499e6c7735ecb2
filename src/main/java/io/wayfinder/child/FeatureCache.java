package io.wayfinder.child;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A thread-safe, compute-once cache of {@link DeepFeatures} per (task content hash, module content hash, token cap):
 * the first trial that needs a (task, module) computes it, concurrent trials wait for that one computation, and every
 * later trial reuses it. Shared by all evaluators of the process (a multitask run shares modules across tasks).
 */
public final class FeatureCache {
    private static final FeatureCache SHARED = new FeatureCache();
    private final Map<String, CompletableFuture<DeepFeatures>> entries = new ConcurrentHashMap<>();

    public static FeatureCache shared() {
        return SHARED;
    }

    public DeepFeatures get(String key, Supplier<DeepFeatures> compute) {
        CompletableFuture<DeepFeatures> f = new CompletableFuture<>();
        CompletableFuture<DeepFeatures> prior = entries.putIfAbsent(key, f);
        if (prior == null) {
            try {
                f.complete(compute.get());
            } catch (RuntimeException | Error e) {
                entries.remove(key, f);
                f.completeExceptionally(e);
                throw e;
            }
            return f.join();
        }
        try {
            return prior.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for features " + key, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
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
