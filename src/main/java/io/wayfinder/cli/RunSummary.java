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
        long failed = trials.stream().filter(t -> t.status() == TrialStatus.FAILED).count();
        if (failed > 0) {
            out.printf("  %d failed trial(s)%n", failed);
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
            AccuracyTopN.Result r = AccuracyTopN.of(v, t, topN);
            Object[] keys = mine.stream().map(x -> io.wayfinder.metrics.Counting.key(x.configuration())).toArray();
            // both rules: every trial, and (when a configuration repeats) each configuration once
            AccuracyTopN.Result[] d = io.wayfinder.metrics.Counting.EACH_CONFIGURATION_ONCE.curve(v, t, keys, topN);
            long distinct = java.util.Arrays.stream(keys).distinct().count();
            out.printf("  task %-18s trials %6d  validation accuracy-top%d %s  test accuracy-top%d %s +- %s%n",
                    run.taskNames().get(task), mine.size(), topN, f.apply(r.validationMean()), topN,
                    f.apply(r.testMean()), f.apply(2 * r.testSem()));
            if (distinct < mine.size() && d.length > 0) {
                out.printf("  %-23s distinct %5d  validation accuracy-top%d %s  test accuracy-top%d %s +- %s"
                        + " (each configuration once)%n", "", distinct, topN, f.apply(d[d.length - 1].validationMean()),
                        topN, f.apply(d[d.length - 1].testMean()), f.apply(2 * d[d.length - 1].testSem()));
            }
        }
        if (best > 0) {
            out.println("  best trials (by validation):");
            trials.stream().filter(x -> !Double.isNaN(x.validationMetric()))
                    .sorted(Comparator.comparingDouble(TrialRecord::validationMetric).reversed()
                            .thenComparingInt(TrialRecord::observeOrder))
                    .limit(best)
                    .forEach(x -> out.printf("    #%-6d %-14s validation %s  test %s  %s%n", x.seq(),
                            run.taskNames().get(x.task()), fmt.apply(x.task()).apply(x.validationMetric()),
                            fmt.apply(x.task()).apply(x.testMetric()), x.values()));
        }
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "   n/a" : String.format("%6.2f%%", 100 * fraction);
    }
}
