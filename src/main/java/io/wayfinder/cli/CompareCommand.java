package io.wayfinder.cli;

import io.wayfinder.metrics.Comparison;
import io.wayfinder.report.ComparisonReport;
import io.wayfinder.report.ComparisonTables;
import io.wayfinder.service.ComparisonRuns;
import io.wayfinder.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wayfinder compare RUN...}: the paper's Table 2 and Table 3 over several runs, optionally a full report. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs per task in the paper's layouts: Table 2, trials to reach random search's "
                + "validation accuracy-top10 at T (\"not reached\" when a seed never matches within T); Table 3, test "
                + "accuracy-top10 ± 2 s.e.m. after a budget.",
                "Runs of one strategy are seeds: they are aggregated (median trials, mean test accuracy ± 2 s.e.m. over "
                        + "seeds). Transfer runs are labelled by their pre-trained source (\"T-AML ← cifar10\"). "
                        + "For each task the random-search runs set the level (their median at T).",
                "Stored linear baselines of the compared text tasks (`wayfinder baseline PROJECT`, same data set) are "
                        + "shown as reference columns of Table 3 and a reference table, and as lines on the test "
                        + "figures.",
                "--report DIR writes report.md, report.html, the tables as CSV and Markdown and every figure as SVG "
                        + "and PNG (no display needed)."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run ids (include random-search runs).")
    List<Long> runIds;

    @Option(names = "--rs-budget", paramLabel = "T", description = "RS's budget T (default: the shortest RS run's "
            + "trials on the task).")
    Integer rsBudget;

    @Option(names = "--at", paramLabel = "N", description = "Trials after which test accuracy is read (default T).")
    Integer testBudget;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "N of accuracy-topN (default 10).")
    int top;

    @Option(names = "--all-trials", description = "Count repeated configurations (default: once each).")
    boolean allTrials;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FMT",
            description = "text, csv, markdown or html (default text).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the tables to a file instead of standard "
            + "output.")
    Path out;

    @Option(names = "--report", paramLabel = "DIR", description = "Write a Markdown + HTML report with its figures "
            + "(SVG and PNG) and tables (CSV, Markdown) into DIR.")
    Path report;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        if (!List.of("text", "csv", "markdown", "html").contains(format)) {
            throw new IllegalArgumentException("--format expects text, csv, markdown or html, found \"" + format + "\"");
        }
        if (report != null && Files.exists(report) && !Files.isDirectory(report)) {
            throw new IllegalArgumentException("--report expects a folder, found the file " + report);
        }
        Comparison.Settings settings = new Comparison.Settings(top, rsBudget, testBudget, !allTrials);
        List<Comparison.RunData> runs;
        Comparison.References references;
        String location;
        try (RunStore store = options.open()) {
            runs = ComparisonRuns.load(store, runIds);
            references = ComparisonRuns.references(store, runs);
            location = store.location();
        }
        Comparison.Table table = Comparison.build(runs, settings).withReferences(references);
        String text = ComparisonTables.render(table, format);
        if (out != null) {
            Files.writeString(out, text);
            System.out.println("wrote " + out);
        } else if (report == null) {
            System.out.print(text);
        }
        if (report != null) {
            String runsLine = "Runs " + runs.stream().map(r -> "#" + r.run().id() + " " + r.group()
                    + " (seed " + r.run().seed() + ")").toList() + " from " + location + ".";
            ComparisonReport.Written w = ComparisonReport.write(table, report, runsLine);
            System.out.print(ComparisonTables.render(table, "text"));
            System.out.println("wrote " + w.files().size() + " files to " + report + " (report.md, report.html, "
                    + "table2.csv, table3.csv, figures as SVG and PNG)");
        }
        return 0;
    }
}
