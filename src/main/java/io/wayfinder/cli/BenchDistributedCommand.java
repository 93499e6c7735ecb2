package io.wayfinder.cli;

import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.exec.Worker;
import io.wayfinder.project.ExecutionSettings;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.ClaimedTrial;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.Searches;
import io.wayfinder.service.WorkerJobs;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wayfinder bench distributed --store URL}: what coordination through the shared store costs. On a
 * zero-cost objective (a table lookup) it measures trials/s of the in-process loop and of a coordinator with 1, 2, 4
 * and 8 workers (each worker with its own connection pool, as a separate process would have); on a child task with
 * real training it measures the speedup of 2 workers over 1. Every configuration runs in turn within each repeat.
 */
@Command(name = "distributed", mixinStandardHelpOptions = true,
        description = "Trials/s through a shared store with 1-8 workers vs the in-process loop; 1 vs 2 workers on "
                + "real training.")
public final class BenchDistributedCommand implements Callable<Integer> {
    @Option(names = "--project", defaultValue = "sample-projects/nas201-random.json", paramLabel = "PROJECT",
            description = "The zero-cost (tabular) project (default: ${DEFAULT-VALUE}).")
    Path projectFile;

    @Option(names = "--trials", defaultValue = "2000", paramLabel = "N", description = "Trials per zero-cost run.")
    int trials;

    @Option(names = "--workers", defaultValue = "1,2,4,8", split = ",", paramLabel = "N,...",
            description = "Worker counts (default 1,2,4,8).")
    int[] workerCounts;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "K", description = "Repeats (median reported).")
    int repeats;

    @Option(names = "--polling-arm", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Also measure every worker count with LISTEN/NOTIFY off (idle workers poll, as before "
                    + "issue 19's notify), side by side (default: on).")
    boolean pollingArm;

    @Option(names = "--child-project", paramLabel = "PROJECT",
            description = "A project whose children really train, for 1 vs 2 workers (e.g. "
                    + "sample-projects/convnet-fashion-mnist.json); left out when not given.")
    Path childProject;

    @Option(names = "--child-trials", defaultValue = "6", paramLabel = "N", description = "Trials per child run.")
    int childTrials;

    @Option(names = "--child-repeats", defaultValue = "1", paramLabel = "K", description = "Repeats of the child runs.")
    int childRepeats;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        String location = options.storeLocation(null, null);
        if (!RunStores.isDatabaseUrl(location)) {
            throw new IllegalArgumentException("--store: expected postgresql://host[:port]/db (the shared store to "
                    + "measure), got " + RunStores.printable(location));
        }
        Project zero = ProjectCodec.read(projectFile).withTrialsPerTask(trials);
        System.out.printf("zero-cost objective: %s, %d trials per run, %d repeats, %d cores, store %s%n",
                zero.name(), zero.totalTrials(), repeats, Runtime.getRuntime().availableProcessors(),
                RunStores.printable(location));
        double[][] perWorkers = new double[workerCounts.length][repeats];
        double[][] polling = new double[workerCounts.length][repeats];
        double[] inProcess = new double[repeats];
        double[] inMemory = new double[repeats];
        try (RunStore store = RunStores.open(location)) {
            for (int r = 0; r < repeats; r++) {
                Project p = zero.withSeed(1000 + r);
                inMemory[r] = inProcess(p, new InMemoryRunStore());
                inProcess[r] = inProcess(p, store);
                StringBuilder line = new StringBuilder(String.format("repeat %d: in-process %.0f/s (in-memory store "
                        + "%.0f/s)", r + 1, inProcess[r], inMemory[r]));
                for (int i = 0; i < workerCounts.length; i++) {
                    perWorkers[i][r] = distributed(p, store, location, workerCounts[i]);
                    line.append(String.format(", %d worker(s) %.0f/s", workerCounts[i], perWorkers[i][r]));
                    if (pollingArm) {
                        System.setProperty("wayfinder.store.notify", "false");
                        try {
                            polling[i][r] = distributed(p, store, location, workerCounts[i]);
                        } finally {
                            System.clearProperty("wayfinder.store.notify");
                        }
                        line.append(String.format(" (polling only %.0f/s)", polling[i][r]));
                    }
                }
                System.out.println(line);
            }
            System.out.printf("median trials/s: in-process loop on the same store %.0f, in-memory store %.0f%n",
                    median(inProcess), median(inMemory));
            for (int i = 0; i < workerCounts.length; i++) {
                double m = median(perWorkers[i]);
                System.out.printf("median trials/s with %d worker(s): %.0f (%.2f x the in-process loop; %.1f ms per "
                        + "trial)%s%n", workerCounts[i], m, m / median(inProcess), 1000 / m, !pollingArm ? ""
                        : String.format("; polling only %.0f (LISTEN/NOTIFY / polling = %.2f x)", median(polling[i]),
                        m / median(polling[i])));
            }
            if (childProject != null) {
                Project child = ProjectCodec.read(childProject).withTrialsPerTask(childTrials);
                double[] one = new double[childRepeats];
                double[] two = new double[childRepeats];
                for (int r = 0; r < childRepeats; r++) {
                    Project p = child.withSeed(1000 + r);
                    // alternate the order (1 then 2 workers, then 2 then 1) so that a load that rises or falls
                    // during the repeats does not favour one side; the load average is printed beside each run
                    double loadBefore = loadAverage();
                    if (r % 2 == 0) {
                        one[r] = distributed(p, store, location, 1);
                        double mid = loadAverage();
                        two[r] = distributed(p, store, location, 2);
                        System.out.printf("child repeat %d: 1 worker %.1f trials/h (load %.1f), then 2 workers %.1f "
                                + "trials/h (load %.1f); ratio %.2f%n", r + 1, one[r] * 3600, loadBefore,
                                two[r] * 3600, mid, two[r] / one[r]);
                    } else {
                        two[r] = distributed(p, store, location, 2);
                        double mid = loadAverage();
                        one[r] = distributed(p, store, location, 1);
                        System.out.printf("child repeat %d: 2 workers %.1f trials/h (load %.1f), then 1 worker %.1f "
                                + "trials/h (load %.1f); ratio %.2f%n", r + 1, two[r] * 3600, loadBefore,
                                one[r] * 3600, mid, two[r] / one[r]);
                    }
                }
                // each repeat pairs the two arms on one seed (the same trials for a strategy whose proposals do not
                // depend on results, e.g. random search), so the figure is the median of the paired ratios
                double[] ratios = new double[childRepeats];
                for (int r = 0; r < childRepeats; r++) {
                    ratios[r] = two[r] / one[r];
                }
                System.out.printf("child task %s, %d trials: 2 workers / 1 worker = %.2f x (median of %d paired "
                        + "ratios %s; medians %.1f vs %.1f trials/h)%n", child.name(), child.totalTrials(),
                        median(ratios), childRepeats, Arrays.toString(Arrays.stream(ratios)
                                .map(x -> Math.round(x * 100) / 100.0).toArray()), median(two) * 3600,
                        median(one) * 3600);
            }
        }
        return 0;
    }

    private double inProcess(Project project, RunStore store) throws InterruptedException {
        try (PreparedSearch search = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                .start(project)) {
            long t0 = System.nanoTime();
            search.run(SearchListener.NONE, new SearchControl());
            return project.totalTrials() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** A coordinator in this process and {@code workers} worker threads, each with a store (pool) of its own. */
    private double distributed(Project project, RunStore store, String location, int workers) throws Exception {
        Project coordinated = project.withExecution(new ExecutionSettings(0, project.execution().failureReward(),
                project.execution().checkpointEvery()));
        List<RunStore> stores = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (PreparedSearch search = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                .start(coordinated);
             WorkerJobs jobs = new WorkerJobs(store, options.dataDirectory(), options.cacheDirectory())) {
            // load the data before the clock starts, as a long-running worker would have
            jobs.job(new ClaimedTrial(0, search.runId(), 0, 1, 0, new int[0], 0));
            for (int i = 0; i < workers; i++) {
                RunStore own = RunStores.open(location);
                stores.add(own);
                Thread t = new Thread(new Worker(own, Worker.idFor(100 + i, 2), search.runId(), jobs,
                        Worker.DEFAULT_LEASE_MILLIS, stop, null), "bench-worker-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            long t0 = System.nanoTime();
            search.run(SearchListener.NONE, new SearchControl(),
                    new SearchLoop.Distribution(0, Worker.DEFAULT_LEASE_MILLIS, 2));
            return project.totalTrials() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
            stores.forEach(RunStore::close);
        }
    }

    /** The machine's 1-minute load average when the run starts (this machine is shared; the figure says how much). */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
