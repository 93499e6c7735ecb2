package io.wayfinder.cli;

import io.wayfinder.metrics.Quantiles;
import io.wayfinder.metrics.TrialsToMatch;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.service.StrategyEfficiency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wayfinder bench strategies}: single-task trials to reach random search's validation accuracy-top10 at the
 * budget, for any strategies with any settings, over seeds {@code offset+1 .. offset+N} (tune on offset >= 1000,
 * report offset 0).
 */
@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"Single-task sample efficiency on a tabular benchmark: per strategy, the trials it needs to "
                + "reach RS's validation accuracy-top10 at --budget (median [IQR] over seeds; seeds that never reach "
                + "it are 'not reached' and counted).",
                "Tune on --seed-offset 1000 or more; report --seed-offset 0 (seeds 1..N)."})
public final class BenchStrategiesCommand implements Callable<Integer> {
    @Option(names = "--project", defaultValue = "sample-projects/nas201-random.json", paramLabel = "PROJECT",
            description = "A project whose first task is a tabular task template (default: ${DEFAULT-VALUE}).")
    Path projectFile;

    @Option(names = "--task", defaultValue = "cifar100", paramLabel = "NAME", description = "The task (default: "
            + "${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--strategy", required = true, paramLabel = "LABEL=ID,key=value",
            description = "A strategy to measure, e.g. ppo or mnms-nocube=mnms,cubeReward=false (repeatable).")
    List<String> strategies;

    @Option(names = "--seeds", defaultValue = "20", paramLabel = "N", description = "Seeds.")
    int seeds;

    @Option(names = "--seed-offset", defaultValue = "0", paramLabel = "K", description = "Seeds K+1..K+N.")
    long seedOffset;

    @Option(names = "--budget", defaultValue = "1000", paramLabel = "T", description = "Trials per strategy.")
    int budget;

    @Option(names = "--source", defaultValue = "cifar10", paramLabel = "NAME",
            description = "Pre-training task of strategies with mode=transfer (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--pretrain", defaultValue = "2000", paramLabel = "N", description = "Pre-training trials.")
    int pretrain;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "K", description = "Seeds in parallel (default: "
            + "the number of cores).")
    int threads;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        Project project = ProjectCodec.read(projectFile);
        List<StrategyEfficiency.Entry> entries = new ArrayList<>();
        for (String s : strategies) {
            entries.add(StrategyEfficiency.parseEntry(s));
        }
        StrategyEfficiency exp = new StrategyEfficiency(project, task, budget, entries, true, source, pretrain,
                options.dataDirectory());
        int k = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        System.out.printf("strategies on %s/%s: seeds %d..%d, budget %d, accuracy-top10 over distinct "
                + "configurations, %d threads%n", project.name(), task, seedOffset + 1, seedOffset + seeds, budget, k);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        List<StrategyEfficiency.SeedResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            List<Future<StrategyEfficiency.SeedResult>> futures = new ArrayList<>();
            for (int s = 1; s <= seeds; s++) {
                long seed = seedOffset + s;
                futures.add(pool.submit(() -> exp.run(seed)));
            }
            for (Future<StrategyEfficiency.SeedResult> f : futures) {
                StrategyEfficiency.SeedResult r = f.get();
                results.add(r);
                StringBuilder line = new StringBuilder(String.format("seed %d: RS@%d %.2f%%", r.seed(), budget,
                        100 * r.rsLevel()));
                for (int i = 0; i < entries.size(); i++) {
                    int t = r.trialsToMatch()[i];
                    line.append(String.format(", %s %s", entries.get(i).label(),
                            t == TrialsToMatch.NOT_REACHED ? "not reached" : Integer.toString(t)));
                }
                System.out.println(line);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("%n%d seeds, %.0f s%n%-20s %-28s %-10s %s%n", results.size(), (System.nanoTime() - t0) / 1e9,
                "strategy", "trials to RS@" + budget, "reached", "val top10 @" + budget + " median");
        for (int i = 0; i < entries.size(); i++) {
            int idx = i;
            double[] trials = results.stream().mapToDouble(r -> r.trialsToMatch()[idx] == TrialsToMatch.NOT_REACHED
                    ? Double.POSITIVE_INFINITY : r.trialsToMatch()[idx]).toArray();
            long reached = results.stream().filter(r -> r.trialsToMatch()[idx] != TrialsToMatch.NOT_REACHED).count();
            double[] level = results.stream().mapToDouble(r -> r.levelAtBudget()[idx]).toArray();
            System.out.printf("%-20s %-28s %-10s %.2f%%%n", entries.get(i).label(),
                    String.format("%s [%s-%s]", fmt(Quantiles.median(trials)), fmt(Quantiles.quantile(trials, 0.25)),
                            fmt(Quantiles.quantile(trials, 0.75))), reached + "/" + results.size(),
                    100 * Quantiles.median(level));
        }
        return 0;
    }

    private static String fmt(double trials) {
        return Double.isInfinite(trials) || Double.isNaN(trials) ? "not reached" : String.format("%.0f", trials);
    }
}
