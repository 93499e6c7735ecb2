package io.wayfinder.cli;

import io.wayfinder.metrics.AccuracyTopN;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.store.RunStore;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

/** Prints a run's accuracy-topN per task and its best trials. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(RunStore store, long runId, int topN, int best, PrintStream out) {
        RunRecord run = store.run(runId).orElseThrow();
        List<TrialRecord> trials = store.observedTrials(runId, -1);
        out.printf("run %d  %s  strategy %s  seed %d  %s  %d/%d trials%n", run.id(), run.name(), run.strategy(),
                run.seed(), run.status().name().toLowerCase(), trials.size(), run.requestedTrials());
        String failed = FailureReasons.line(trials);
        if (!failed.isEmpty()) {
            out.println("  " + failed);
        }
        List<io.wayfinder.run.TaskRecord> records = store.tasks(runId);
        java.util.function.IntFunction<java.util.function.DoubleFunction<String>> fmt = task -> {
            String metric = records.stream().filter(r -> r.index() == task).map(io.wayfinder.run.TaskRecord::metric)
                    .findFirst().orElse("accuracy");
            return metric == null || metric.contains("accuracy") ? RunSummary::pct
                    : x -> Double.isNaN(x) ? "   n/a" : String.format("%.4g", x);
        };
        for (int task = 0; task < run.taskNames().size(); task++) {
            int k = task;
            java.util.function.DoubleFunction<String> f = fmt.apply(task);
            List<TrialRecord> mine = trials.stream().filter(t -> t.task() == k).toList();
            double[] v = mine.stream().mapToDouble(TrialRecord::validationMetric).toArray();
            double[] t = mine.stream().mapToDouble(TrialRecord::testMetric).toArray();
            Object[] keys = mine.stream().map(x -> io.wayfinder.metrics.Counting.key(x.configuration())).toArray();
            long distinct = distinctMeasured(mine);
            if (distinct < topN) {
                out.println(bestOf(run.taskNames().get(task), mine, topN, distinct, f));
                continue;
            }
            AccuracyTopN.Result r = AccuracyTopN.of(v, t, topN);
            AccuracyTopN.Result[] d = io.wayfinder.metrics.Counting.EACH_CONFIGURATION_ONCE.curve(v, t, keys, topN);
            out.printf("  task %-18s trials %6d  validation accuracy-top%d %s  test accuracy-top%d %s +- %s%n",
                    run.taskNames().get(task), mine.size(), topN, f.apply(r.validationMean()), topN,
                    f.apply(r.testMean()), f.apply(2 * r.testSem()));
            if (distinct < mine.stream().filter(x -> !Double.isNaN(x.validationMetric())).count() && d.length > 0) {
                out.printf("  %-23s distinct %5d  validation accuracy-top%d %s  test accuracy-top%d %s +- %s"
                        + " (each configuration once)%n", "", distinct, topN, f.apply(d[d.length - 1].validationMean()),
                        topN, f.apply(d[d.length - 1].testMean()), f.apply(2 * d[d.length - 1].testSem()));
            }
        }
        if (best > 0) {
            out.println("  best trials (by validation; trial numbers as in the trial table and `export`):");
            trials.stream().filter(x -> !Double.isNaN(x.validationMetric()))
                    .sorted(Comparator.comparingDouble(TrialRecord::validationMetric).reversed()
                            .thenComparingInt(TrialRecord::observeOrder))
                    .limit(best)
                    .forEach(x -> out.printf("    trial %-6d %-14s validation %s  test %s  %s%n", x.seq(),
                            run.taskNames().get(x.task()), fmt.apply(x.task()).apply(x.validationMetric()),
                            fmt.apply(x.task()).apply(x.testMetric()), shorten(x.values(), 110)));
        }
    }

    /** Distinct configurations among the trials that have a validation figure (failed trials have none). */
    static long distinctMeasured(List<TrialRecord> trials) {
        return trials.stream().filter(x -> !Double.isNaN(x.validationMetric()))
                .map(x -> java.util.Arrays.toString(x.configuration())).distinct().count();
    }

    /**
     * The line for a task with fewer than N distinct configurations measured: accuracy-topN is not defined yet (README:
     * from the Nth distinct configuration on), so it reports the best trial of those there are.
     */
    static String bestOf(String task, List<TrialRecord> trials, int topN, long distinct,
                         java.util.function.DoubleFunction<String> f) {
        TrialRecord b = trials.stream().filter(x -> !Double.isNaN(x.validationMetric()))
                .max(Comparator.comparingDouble(TrialRecord::validationMetric)
                        .thenComparing(Comparator.comparingInt(TrialRecord::observeOrder).reversed()))
                .orElse(null);
        String head = String.format("  task %-18s trials %6d  ", task, trials.size());
        if (b == null) {
            return head + "no trial has a validation figure yet";
        }
        return head + "best of " + trials.size() + ": validation " + f.apply(b.validationMetric()).strip() + "  test "
                + f.apply(b.testMetric()).strip() + " (trial " + b.seq() + "); accuracy-top" + topN + " needs " + topN
                + " distinct configurations, " + distinct + " so far";
    }

    /** The configuration as one readable line: cut at {@code max} characters (`export` has it whole). */
    static String shorten(String values, int max) {
        return values.length() <= max ? values : values.substring(0, max) + "... (export has it whole)";
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "   n/a" : String.format("%6.2f%%", 100 * fraction);
    }
}
