package io.wayfinder.child;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A thread-safe memo: the first caller for a key computes the value, concurrent callers wait for it, and a failed
 * computation is forgotten so the next caller tries again.
 */
final class ComputeOnce<V> {
    private final Map<String, CompletableFuture<V>> entries = new ConcurrentHashMap<>();

    V get(String key, Supplier<V> compute, String what) {
        CompletableFuture<V> f = new CompletableFuture<>();
        CompletableFuture<V> prior = entries.putIfAbsent(key, f);
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
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
    }
}
