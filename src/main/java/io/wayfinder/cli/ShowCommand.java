package io.wayfinder.cli;

import io.wayfinder.store.RunStore;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wayfinder show RUN}: accuracy-topN (validation and test) per task and the best trials. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a run: validation and test accuracy-topN per task, and its best trials.")
public final class ShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run's id.")
    long runId;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "N of accuracy-topN (default 10).")
    int top;

    @Option(names = "--best", paramLabel = "K", defaultValue = "10", description = "How many best trials to list.")
    int best;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() {
        try (RunStore store = options.open()) {
            store.run(runId).orElseThrow(() -> new NoSuchElementException("no run " + runId + " in " + store.location()));
            RunSummary.print(store, runId, top, best, System.out);
        }
        return 0;
    }
}
