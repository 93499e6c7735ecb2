package io.wayfinder.cli;

import io.wayfinder.ui.GuiBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wayfinder bench gui}: open time of a large run, FX pulse and event-to-screen latency while a search streams. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Workbench responsiveness: open time of a large run; p99 FX pulse and event-to-screen latency "
                + "while a tabular search streams (needs a display; Xvfb is fine).")
public final class BenchGuiCommand implements Callable<Integer> {
    @Option(names = "--open-store", paramLabel = "PATH",
            description = "A store with a large run to open (e.g. 100,000 trials of nas201-random).")
    Path openStore;

    @Option(names = "--open-run", paramLabel = "ID", defaultValue = "1", description = "That run's id (default 1).")
    long openRun;

    @Option(names = "--project", paramLabel = "PROJECT", defaultValue = "sample-projects/nas201-random.json",
            description = "A tabular project to stream (default: ${DEFAULT-VALUE}); \"none\" to skip.")
    String project;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "How long to stream.")
    int seconds;

    @Option(names = "--screen", defaultValue = "rewards", paramLabel = "NAME",
            description = "Dashboard screen shown while streaming: policy, evolution, rewards, trials, similarity.")
    String screen;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        if (!GuiCommand.displayAvailable()) {
            System.err.println("error: bench gui needs a display (e.g. Xvfb :99 & DISPLAY=:99)");
            return 2;
        }
        GuiBenchmark.run(new GuiBenchmark.Options(openStore, openRun,
                "none".equals(project) ? null : Path.of(project), options.dataDirectory(), options.cacheDirectory(),
                seconds, screen), System.out);
        return 0;
    }
}
