package io.wayfinder.cli;

import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the tests that run searches in child JVMs and kill them. */
final class KillSoak {
    private KillSoak() {
    }

    /** Waits until run {@code runId} in {@code store} has at least {@code n} counted trials. */
    static void waitForTrials(Path store, long runId, int n, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(store)) {
                try (RunStore s = RunStores.open(store)) {
                    if (s.run(runId).isPresent() && s.countObserved(runId) >= n) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // the child may still be creating the schema
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child process did not reach " + n + " trials (alive: " + p.isAlive() + ")");
    }
}
