package io.wayfinder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.child.EmbeddingModule;
import io.wayfinder.child.EmbeddingModules;
import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.project.ExecutionSettings;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.space.Configuration;
import io.wayfinder.service.Searches;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.task.TaskEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wayfinder bench text}: trials per hour of real text children (the full T-AML space, training capped at
 * {@code --max-samples}) with and without the deep-feature cache, on 1 and 2 workers, and with the embedding-sequence
 * lookups of before (task setting {@code lookups=sequences}) on 1 worker: median of {@code --repeats}
 * runs, the five set-ups interleaved with the same seeds so they train the same configurations. Optionally a long run
 * ({@code --long-trials}) that reports the process's resident memory as it goes and its peak.
 */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "Trials per hour of real text children: feature cache on/off, 1 vs 2 workers, bag vs sequence "
                + "lookups (medians); module build time apart.")
public final class BenchTextCommand implements Callable<Integer> {
    @Option(names = "--project", defaultValue = "sample-projects/text-sms-spam-random.json", paramLabel = "PROJECT",
            description = "A project with one text task (default: ${DEFAULT-VALUE}).")
    Path projectFile;

    @Option(names = "--trials", defaultValue = "12", paramLabel = "N", description = "Trials per run.")
    int trials;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "K",
            description = "Runs per set-up (0: only the --long-trials run).")
    int repeats;

    @Option(names = "--max-samples", defaultValue = "30000", paramLabel = "S",
            description = "Cap on decision 12, training samples per trial (default: ${DEFAULT-VALUE}).")
    long maxSamples;

    @Option(names = "--long-trials", defaultValue = "0", paramLabel = "N",
            description = "After the comparison, one run of N trials (cache on, 2 workers) reporting memory.")
    int longTrials;

    @Mixin
    StoreOptions options;

    @Option(names = "--lookups-only",
            description = "Time only the three lookup paths (sparse bags, dense bags, embedding sequences), cache on, "
                    + "1 worker.")
    boolean lookupsOnly;

    private record Setup(String name, boolean cache, int workers, String lookups) {
        Setup(String name, boolean cache, int workers) {
            this(name, cache, workers, "sparse");
        }
    }

    private static int index(List<Setup> setups, String name) {
        for (int i = 0; i < setups.size(); i++) {
            if (setups.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Integer call() throws Exception {
        Project base = ProjectCodec.read(projectFile).withTrialsPerTask(trials);
        Setup dense = new Setup("dense bags, cache, 1w", true, 1, "bags");
        Setup sequences = new Setup("sequences, cache, 1w", true, 1, "sequences");
        List<Setup> setups = lookupsOnly ? List.of(new Setup("cache, 1 worker", true, 1), dense, sequences)
                : List.of(new Setup("cache, 1 worker", true, 1), new Setup("no cache, 1 worker", false, 1),
                new Setup("cache, 2 workers", true, 2), new Setup("no cache, 2 workers", false, 2), dense, sequences);
        System.out.printf("bench text: %s, %d trials per run, %d runs per set-up, training capped at %d samples, "
                + "%d cores, OMP_NUM_THREADS=%s%n", base.name(), trials, repeats, maxSamples,
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"));
        buildModules(base);
        if (repeats == 0) {
            longRun(configure(base, true, 2).withTrialsPerTask(Math.max(1, longTrials)).withSeed(7));
            return 0;
        }
        // warm-up: loads the task and the (now built) modules, so no measured run pays for it
        measure(configure(base, true, 1).withTrialsPerTask(2).withSeed(999), new ArrayList<>());
        double[][] rates = new double[setups.size()][repeats];
        List<List<Double>> frozen = new ArrayList<>();
        setups.forEach(x -> frozen.add(new ArrayList<>()));
        for (int r = 0; r < repeats; r++) {
            StringBuilder line = new StringBuilder("run " + (r + 1) + ":");
            for (int s = 0; s < setups.size(); s++) {
                Setup setup = setups.get(s);
                double[] m = measure(configure(base, setup.cache(), setup.workers(), setup.lookups()).withSeed(100 + r),
                        frozen.get(s));
                rates[s][r] = m[0];
                line.append(String.format("  %s %.0f/h (%d failed)", setup.name(), m[0], (int) m[1]));
            }
            System.out.println(line);
        }
        double[] med = new double[setups.size()];
        for (int s = 0; s < setups.size(); s++) {
            med[s] = BenchTabularCommand.median(rates[s]);
            double[] fs = frozen.get(s).stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf("median trials/hour, %-20s %8.0f   (frozen-module deep-tower trials: %d, median %.2f s each)%n",
                    setups.get(s).name(), med[s], fs.length, fs.length == 0 ? Double.NaN : BenchTabularCommand.median(fs));
        }
        int sparse = index(setups, "cache, 1 worker");
        System.out.printf("ratio sparse bags / dense bags: %.2f, sparse bags / embedding sequences (the path of "
                + "round 2): %.2f, dense bags / sequences: %.2f (cache, 1 worker)%n",
                med[sparse] / med[index(setups, dense.name())], med[sparse] / med[index(setups, sequences.name())],
                med[index(setups, dense.name())] / med[index(setups, sequences.name())]);
        if (!lookupsOnly) {
            System.out.printf("ratio cache / no cache: %.2f (1 worker), %.2f (2 workers)%n", med[0] / med[1],
                    med[2] / med[3]);
            System.out.printf("ratio 2 workers / 1 worker: %.2f (cache), %.2f (no cache)%n", med[2] / med[0],
                    med[3] / med[1]);
        }
        System.out.printf("resident memory now %d MiB, peak %d MiB%n", rssKiB("VmRSS") / 1024, rssKiB("VmHWM") / 1024);
        if (longTrials > 0) {
            longRun(configure(base, true, 2).withTrialsPerTask(longTrials).withSeed(7));
        }
        return 0;
    }

    /**
     * Builds (or loads from the cache) every embedding module of the project's first text task before anything is
     * timed, and reports each one's time: a module trained here is a one-off cost, reported apart from trials/h.
     */
    private void buildModules(Project base) {
        TaskSpec task = base.tasks().get(0);
        EmbeddingModules modules = new EmbeddingModules(new TaskEnvironment(options.dataDirectory(),
                projectFile.toAbsolutePath().getParent(), options.cacheDirectory()), task.settings());
        double total = 0;
        for (String name : modules.names()) {
            EmbeddingModules.Status status = modules.status(name);
            long t0 = System.nanoTime();
            EmbeddingModule m = modules.get(name);
            double seconds = (System.nanoTime() - t0) / 1e9;
            total += seconds;
            System.out.printf(java.util.Locale.ROOT, "module %-32s %s in %6.1f s (%d words x %d)%n", m.id(),
                    status.state().equals("not built") ? "built " : "loaded", seconds, m.table().size(),
                    m.table().dimension());
        }
        System.out.printf(java.util.Locale.ROOT, "modules: %.1f s in all, before and apart from the timed runs; "
                + "resident memory now %d MiB%n", total, rssKiB("VmRSS") / 1024);
    }

    private Project configure(Project p, boolean cache, int workers) {
        return configure(p, cache, workers, "sparse");
    }

    private Project configure(Project p, boolean cache, int workers, String lookups) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (TaskSpec t : p.tasks()) {
            ObjectNode n = t.settings().node();
            n.put("featureCache", cache).put("maxTrainingSamples", maxSamples).put("preloadModules", true)
                    .put("lookups", lookups);
            tasks.add(new TaskSpec(t.name(), t.kind(), t.data(), t.metric(),
                    new Settings(t.settings().source(), t.settings().path(), n)));
        }
        ExecutionSettings e = p.execution();
        return p.withTasks(tasks).withExecution(new ExecutionSettings(workers, e.failureReward(), e.checkpointEvery()));
    }

    /**
     * {trials per hour, failed trials}; adds the seconds of each completed trial whose deep tower reads a frozen
     * module (the trials the feature cache is for) to {@code frozenSeconds}.
     */
    private double[] measure(Project project, List<Double> frozenSeconds) throws InterruptedException {
        AtomicInteger failed = new AtomicInteger();
        SearchListener listener = new SearchListener() {
            @Override
            public void trialFinished(TrialRecord trial, int observed, int requested) {
                if (trial.status() == TrialStatus.FAILED) {
                    failed.incrementAndGet();
                    return;
                }
                // the loop's record carries the choice indices; read the values through the space
                var v = project.space().values(new Configuration(trial.configuration()));
                if (Boolean.FALSE.equals(v.get("fineTune")) && v.get("deepRegularisation") instanceof Number) {
                    synchronized (frozenSeconds) {
                        frozenSeconds.add(trial.durationMillis() / 1000.0);
                    }
                }
            }
        };
        try (PreparedSearch search = new Searches(new InMemoryRunStore(), options.dataDirectory(),
                options.cacheDirectory()).start(project)) {
            long t0 = System.nanoTime();
            search.run(listener, new SearchControl());
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {project.totalTrials() / seconds * 3600, failed.get()};
        }
    }

    private void longRun(Project project) throws InterruptedException {
        int every = Math.max(1, project.totalTrials() / 10);
        long[] peakHeap = {0};
        SearchListener listener = new SearchListener() {
            @Override
            public void trialFinished(TrialRecord trial, int observed, int requested) {
                Runtime rt = Runtime.getRuntime();
                peakHeap[0] = Math.max(peakHeap[0], rt.totalMemory() - rt.freeMemory());
                if (observed % every == 0) {
                    System.out.printf("  %5d trials: resident %d MiB, heap used %d MiB%n", observed,
                            rssKiB("VmRSS") / 1024, (rt.totalMemory() - rt.freeMemory()) >> 20);
                }
            }
        };
        System.out.printf("long run: %d trials, feature cache on, 2 workers%n", project.totalTrials());
        long t0 = System.nanoTime();
        try (PreparedSearch search = new Searches(new InMemoryRunStore(), options.dataDirectory(),
                options.cacheDirectory()).start(project)) {
            search.run(listener, new SearchControl());
        }
        System.out.printf("long run: %.0f s, peak resident %d MiB, peak heap used %d MiB, max heap %d MiB%n",
                (System.nanoTime() - t0) / 1e9, rssKiB("VmHWM") / 1024, peakHeap[0] >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** A field of /proc/self/status in KiB (Linux), or -1. */
    static long rssKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
