package io.wayfinder.cli;

import io.wayfinder.exec.Worker;
import io.wayfinder.service.WorkerJobs;
import io.wayfinder.store.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wayfinder worker --store URL}: trains queued trials of shared runs on this machine until stopped (or, with
 * {@code --run}, until that run finishes). Prints one line per trial.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Train the queued trials of runs in a shared store (postgresql://host[:port]/db) on this machine.")
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "ID", description = "Work for this run only, and exit when it finishes.")
    long runId;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Trials trained at once in this process (default 1).")
    int threads;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a claimed trial stays this worker's without a heartbeat (default 30).")
    double leaseSeconds;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads: expected 1 to 256, got " + threads);
        }
        long lease = RunCommand.distribution(0, leaseSeconds).leaseMillis();
        AtomicBoolean stop = new AtomicBoolean();
        try (RunStore store = options.open();
             WorkerJobs jobs = new WorkerJobs(store, options.dataDirectory(), options.cacheDirectory())) {
            if (!store.sharesWork()) {
                throw new IllegalArgumentException("--store " + store.location() + " cannot share work with workers");
            }
            if (runId > 0 && store.run(runId).isEmpty()) {
                throw new java.util.NoSuchElementException("no run " + runId + " in " + store.location());
            }
            List<Thread> running = new ArrayList<>();
            List<Worker> workers = new ArrayList<>();
            Thread hook = new Thread(() -> {
                stop.set(true);
                running.forEach(Thread::interrupt);
                for (Thread t : running) {
                    try {
                        t.join(5_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "wayfinder-worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("worker " + Worker.idFor(0, threads) + ": " + threads + " thread(s) on "
                    + store.location() + (runId > 0 ? ", run " + runId : ", any run") + ", data "
                    + options.dataDirectory());
            for (int i = 0; i < threads; i++) {
                Worker w = new Worker(store, Worker.idFor(i, threads), runId, jobs, lease, stop,
                        line -> System.out.println(line));
                workers.add(w);
                Thread t = new Thread(w, "wayfinder-worker-" + i);
                running.add(t);
                t.start();
            }
            for (Thread t : running) {
                t.join();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            for (Worker w : workers) {
                if (w.failure() != null) {
                    System.err.println("error: worker " + w.id() + " " + w.failure());
                    return 2;
                }
            }
        }
        return 0;
    }
}
