package io.wayfinder.cli;

import io.wayfinder.metrics.Comparison;
import io.wayfinder.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wayfinder compare RUN...}: the paper's Table 2 and Table 3 over several runs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs per task in the paper's layouts: Table 2, trials to reach random search's "
                + "validation accuracy-top10 at T; Table 3, test accuracy-top10 ± 2 s.e.m. after a budget.",
                "For each task the first random-search run that has it sets the level."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run ids (include a random-search run).")
    List<Long> runIds;

    @Option(names = "--rs-budget", paramLabel = "T", description = "RS's budget T (default: its trials on the task).")
    Integer rsBudget;

    @Option(names = "--at", paramLabel = "N", description = "Trials after which test accuracy is read (default T).")
    Integer testBudget;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "N of accuracy-topN (default 10).")
    int top;

    @Option(names = "--all-trials", description = "Count repeated configurations (default: once each).")
    boolean allTrials;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FMT",
            description = "text, csv or markdown (default text).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to a file instead of standard output.")
    Path out;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        if (!List.of("text", "csv", "markdown").contains(format)) {
            throw new IllegalArgumentException("--format expects text, csv or markdown, found \"" + format + "\"");
        }
        List<Comparison.RunData> runs = new ArrayList<>();
        try (RunStore store = options.open()) {
            for (long id : runIds) {
                runs.add(new Comparison.RunData(store.run(id).orElseThrow(() ->
                        new NoSuchElementException("no run " + id + " in " + store.location())), store.trials(id)));
            }
        }
        String text = Comparison.render(Comparison.build(runs, top, rsBudget, testBudget, !allTrials,
                io.wayfinder.strategy.Strategies::label), format);
        if (out != null) {
            Files.writeString(out, text);
            System.out.println("wrote " + out);
        } else {
            System.out.print(text);
        }
        return 0;
    }
}
