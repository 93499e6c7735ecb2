package io.wayfinder.cli;

import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.Searches;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wayfinder bench tabular}: trials per second of a search on a tabular benchmark, with the SQLite store and,
 * side by side in the same process, with the in-memory store (so the store's share is visible).
 */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = "Trials per second on a tabular benchmark, SQLite store vs in-memory store (median of --repeats).")
public final class BenchTabularCommand implements Callable<Integer> {
    @Option(names = "--project", defaultValue = "sample-projects/nas201-random.json", paramLabel = "PROJECT",
            description = "A project with tabular tasks (default: ${DEFAULT-VALUE}).")
    Path projectFile;

    @Option(names = "--trials", defaultValue = "5000", paramLabel = "N", description = "Trials per task per run.")
    int trials;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "K", description = "Runs per store.")
    int repeats;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "W", description = "Unreported warm-up runs.")
    int warmup;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        Project project = ProjectCodec.read(projectFile).withTrialsPerTask(trials);
        Path dir = Files.createTempDirectory("wayfinder-bench");
        double[] sqlite = new double[repeats];
        double[] memory = new double[repeats];
        for (int i = 0; i < warmup; i++) {
            measure(project.withSeed(1000 + i), new InMemoryRunStore());
        }
        for (int i = 0; i < repeats; i++) {
            // interleave the two stores so machine noise falls on both alike
            try (RunStore s = RunStores.open(dir.resolve("bench-" + i + ".db"))) {
                sqlite[i] = measure(project.withSeed(i), s);
            }
            memory[i] = measure(project.withSeed(i), new InMemoryRunStore());
            System.out.printf("run %d: sqlite %.0f trials/s, in-memory %.0f trials/s%n", i + 1, sqlite[i], memory[i]);
        }
        double ms = median(sqlite);
        double mm = median(memory);
        System.out.printf("tabular %s, %d trials per run, %d runs (%d cores)%n", project.name(),
                project.totalTrials(), repeats, Runtime.getRuntime().availableProcessors());
        System.out.printf("median trials/s with the SQLite store: %.0f (min %.0f, max %.0f)%n", ms,
                Arrays.stream(sqlite).min().orElse(0), Arrays.stream(sqlite).max().orElse(0));
        System.out.printf("median trials/s with the in-memory store: %.0f%n", mm);
        System.out.printf("ratio sqlite / in-memory: %.2f%n", ms / mm);
        return 0;
    }

    private double measure(Project project, RunStore store) throws InterruptedException {
        try (PreparedSearch search = new Searches(store, options.dataDirectory(), options.cacheDirectory()).start(project)) {
            long t0 = System.nanoTime();
            search.run(SearchListener.NONE, new SearchControl());
            double seconds = (System.nanoTime() - t0) / 1e9;
            return project.totalTrials() / seconds;
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
