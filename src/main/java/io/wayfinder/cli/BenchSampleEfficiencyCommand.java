package io.wayfinder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.Json;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.metrics.Quantiles;
import io.wayfinder.metrics.TrialsToMatch;
import io.wayfinder.service.SampleEfficiency;
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
 * {@code wayfinder bench sample-efficiency}: RS vs AML vs T-AML on a tabular benchmark over many seeds, both
 * transfer directions, with trials-to-match and test accuracy-top10 at check points (median and IQR).
 */
@Command(name = "sample-efficiency", mixinStandardHelpOptions = true,
        description = {"Transfer benchmark on NAS-Bench-201: pre-train M-AML on one data set, transfer (T-AML) to "
                + "another; compare RS, single-task strategies from scratch (--strategies, default AML) and T-AML there "
                + "over --seeds seeds (seeds --seed-offset+1 ..; tune on offsets >= 1000, report offset 0).",
                "Prints per direction the median [IQR] of trials to reach RS's validation accuracy-top10 at --budget, "
                        + "test accuracy-top10 at a tenth, three tenths and all of the budget, and a line 'speedup X' (only when T-AML "
                        + "reached RS's level within the budget)."})
public final class BenchSampleEfficiencyCommand implements Callable<Integer> {
    @Option(names = "--project", defaultValue = "sample-projects/nas201-random.json", paramLabel = "PROJECT",
            description = "A project whose first task is a tabular task template (default: ${DEFAULT-VALUE}).")
    Path projectFile;

    @Option(names = "--seeds", defaultValue = "20", paramLabel = "N", description = "Seeds per direction.")
    int seeds;

    @Option(names = "--budget", defaultValue = "1000", paramLabel = "T", description = "Trials per strategy (RS's T).")
    int budget;

    @Option(names = "--pretrain", defaultValue = "2000", paramLabel = "N", description = "M-AML trials on the source.")
    int pretrain;

    @Option(names = "--directions", defaultValue = "cifar10:cifar100,cifar100:cifar10", split = ",",
            paramLabel = "SRC:DST", description = "Transfer directions (default: ${DEFAULT-VALUE}).")
    List<String> directions;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Controller learning rate.")
    Double learningRate;

    @Option(names = "--entropy", paramLabel = "W", description = "Entropy bonus.")
    Double entropy;

    @Option(names = "--tanh-constant", paramLabel = "C", description = "Logit tanh constant (0 = off).")
    Double tanhConstant;

    @Option(names = "--baseline-decay", paramLabel = "D", description = "Baseline moving-average decay.")
    Double baselineDecay;

    @Option(names = "--all-trials", description = "Count repeated configurations in accuracy-top10 (default: each "
            + "configuration once, as the table answers a repeat with the same number).")
    boolean allTrials;

    @Option(names = "--seed-offset", defaultValue = "0", paramLabel = "K", description = "Run seeds K+1 .. K+N "
            + "(default 0: seeds 1..N). Protocol: tune defaults on --seed-offset 1000 or more, report seeds 1-20.")
    long seedOffset;

    @Option(names = "--strategies", defaultValue = "aml", split = ",", paramLabel = "ID",
            description = "Single-task strategies run from scratch on the target besides RS (default: ${DEFAULT-VALUE};"
                    + " e.g. aml,evolution,tpe).")
    List<String> strategies;

    @Option(names = "--set", paramLabel = "ID.KEY=VALUE", description = "A setting of one strategy, e.g. "
            + "tpe.multivariate=false or evolution.population=20 (repeatable; JSON values).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--per-seed", paramLabel = "FILE", description = "Also write one TSV line per direction and seed:"
            + " source, target, seed, RS level, then each strategy's trials to match (-1: not reached).")
    Path perSeed;

    @Option(names = "--no-transfer", description = "Skip M-AML pre-training and T-AML.")
    boolean noTransfer;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "K", description = "Seeds run in parallel "
            + "(default: the number of cores).")
    int threads;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        Project project = ProjectCodec.read(projectFile);
        ObjectNode learner = Json.MAPPER.createObjectNode();
        if (learningRate != null) {
            learner.put("learningRate", learningRate);
        }
        if (entropy != null) {
            learner.put("entropy", entropy);
        }
        if (tanhConstant != null) {
            learner.put("tanhConstant", tanhConstant);
        }
        if (baselineDecay != null) {
            learner.put("baselineDecay", baselineDecay);
        }
        java.util.Map<String, ObjectNode> perStrategy = new java.util.HashMap<>();
        for (String set : sets) {
            int dot = set.indexOf('.');
            int eq = set.indexOf('=');
            if (dot < 1 || eq < dot + 2) {
                throw new IllegalArgumentException("--set expects ID.KEY=VALUE, found \"" + set + "\"");
            }
            String id = set.substring(0, dot);
            String raw = set.substring(eq + 1);
            com.fasterxml.jackson.databind.JsonNode value;
            try {
                value = Json.MAPPER.readTree(raw);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                value = com.fasterxml.jackson.databind.node.TextNode.valueOf(raw);
            }
            perStrategy.computeIfAbsent(id, x -> Json.MAPPER.createObjectNode()).set(set.substring(dot + 1, eq), value);
        }
        for (String id : strategies) {
            // the one validation path: an unknown strategy or setting stops here, before any run
            io.wayfinder.strategy.Strategies.validate(new io.wayfinder.project.StrategySpec(id,
                    new io.wayfinder.project.Settings("--set " + id, "$", perStrategy.containsKey(id)
                            ? perStrategy.get(id) : List.of("aml", "maml", "taml").contains(id) ? learner : null)));
        }
        if (budget < 1) {
            throw new IllegalArgumentException("--budget expects at least 1 trial, found " + budget);
        }
        int[] checkpoints = SampleEfficiency.checkpointsFor(budget);
        int k = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        System.out.printf("sample efficiency on %s: %d seeds, budget %d, M-AML pre-training %d trials, "
                        + "accuracy-top10 over %s, controller settings %s (defaults where empty), %d threads%n",
                project.name(), seeds, budget, pretrain, allTrials ? "all trials" : "distinct configurations",
                learner, k);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        try {
            for (String d : directions) {
                String[] st = d.split(":");
                if (st.length != 2) {
                    throw new IllegalArgumentException("--directions expects SRC:DST pairs, found \"" + d + "\"");
                }
                SampleEfficiency exp = new SampleEfficiency(project, st[0], st[1], pretrain, budget, checkpoints,
                        learner, io.wayfinder.metrics.Counting.of(allTrials), options.dataDirectory(), List.copyOf(strategies), perStrategy,
                        !noTransfer);
                List<Future<SampleEfficiency.SeedResult>> futures = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int s = 1; s <= seeds; s++) {
                    long seed = seedOffset + s;
                    futures.add(pool.submit(() -> exp.run(seed)));
                }
                List<SampleEfficiency.SeedResult> results = new ArrayList<>();
                for (Future<SampleEfficiency.SeedResult> f : futures) {
                    try {
                        SampleEfficiency.SeedResult done = f.get();
                        results.add(done);
                        System.out.printf("  %s -> %s seed %d done (%d of %d, %.0f s)%n", st[0], st[1], done.seed(),
                                results.size(), seeds, (System.nanoTime() - t0) / 1e9);
                    } catch (java.util.concurrent.ExecutionException e) {
                        // the seed's own error (e.g. a task the table does not have), not the pool's wrapper
                        if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        }
                        throw e;
                    }
                }
                report(st[0], st[1], results, checkpoints, (System.nanoTime() - t0) / 1e9);
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    private void report(String source, String target, List<SampleEfficiency.SeedResult> results, int[] checkpoints,
                        double seconds) {
        System.out.printf("%n%s -> %s (%d seeds %d-%d, %.0f s)%n", source, target, results.size(), seedOffset + 1,
                seedOffset + results.size(), seconds);
        if (perSeed != null) {
            StringBuilder tsv = new StringBuilder();
            if (!java.nio.file.Files.exists(perSeed)) {
                tsv.append("source\ttarget\tseed\trs_level");
                results.get(0).outcomes().forEach(o -> tsv.append('\t').append(o.strategy()));
                tsv.append('\n');
            }
            for (SampleEfficiency.SeedResult r : results) {
                tsv.append(source).append('\t').append(target).append('\t').append(r.seed()).append('\t')
                        .append(r.rsLevel());
                r.outcomes().forEach(o -> tsv.append('\t').append(o.trialsToMatch()));
                tsv.append('\n');
            }
            try {
                java.nio.file.Files.writeString(perSeed, tsv, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        double[] levels = results.stream().mapToDouble(SampleEfficiency.SeedResult::rsLevel).toArray();
        System.out.printf("RS validation accuracy-top10 at T=%d: median %.2f%% [IQR %.2f-%.2f]%n", budget,
                100 * Quantiles.median(levels), 100 * Quantiles.quantile(levels, 0.25),
                100 * Quantiles.quantile(levels, 0.75));
        StringBuilder head = new StringBuilder(String.format("%-6s %-30s ", "", "trials to RS@" + budget));
        for (int c : checkpoints) {
            head.append(String.format("%-22s ", "test top10 @" + c));
        }
        System.out.println(head.append("s/seed"));
        int strategiesRun = results.get(0).outcomes().size();
        double[] medianTrials = new double[strategiesRun];
        for (int i = 0; i < strategiesRun; i++) {
            int idx = i;
            double[] trials = results.stream().mapToDouble(r -> {
                int t = r.outcomes().get(idx).trialsToMatch();
                return t == TrialsToMatch.NOT_REACHED ? Double.POSITIVE_INFINITY : t;
            }).toArray();
            long missing = results.stream().filter(r -> r.outcomes().get(idx).trialsToMatch()
                    == TrialsToMatch.NOT_REACHED).count();
            medianTrials[i] = Quantiles.median(trials);
            StringBuilder line = new StringBuilder(String.format("%-6s %-30s ",
                    io.wayfinder.strategy.Strategies.label(results.get(0).outcomes().get(i).strategy()),
                    medianTrials[i] > budget ? "not reached (" + missing + " of " + results.size() + " seeds)"
                            : String.format("%s [%s-%s]%s", fmt(medianTrials[i]),
                            fmt(Quantiles.quantile(trials, 0.25)), fmt(Quantiles.quantile(trials, 0.75)),
                            missing > 0 ? " (" + missing + " of " + results.size() + " not reached)" : "")));
            for (int c = 0; c < checkpoints.length; c++) {
                int cc = c;
                double[] test = results.stream().mapToDouble(r -> r.outcomes().get(idx).testAt()[cc]).toArray();
                line.append(String.format("%-22s ", String.format("%.2f [%.2f-%.2f]", 100 * Quantiles.median(test),
                        100 * Quantiles.quantile(test, 0.25), 100 * Quantiles.quantile(test, 0.75))));
            }
            double[] secs = results.stream().mapToDouble(r -> r.outcomes().get(idx).seconds()).toArray();
            line.append(String.format("%.2f", Quantiles.median(secs)));
            System.out.println(line);
        }
        int taml = strategiesRun - 1;
        if (noTransfer) {
            // no transfer arm: nothing to compare a speedup with
        } else if (medianTrials[0] > budget || medianTrials[taml] > budget) {
            System.out.printf("no speedup: %s did not reach RS's level within %d trials on the median seed "
                    + "(%s -> %s; RS %s, T-AML %s)%n", medianTrials[taml] > budget ? "T-AML" : "RS", budget,
                    source, target, fmt(medianTrials[0]), fmt(medianTrials[taml]));
        } else {
            System.out.printf("speedup %.1f (%s -> %s: median RS trials to its own level %s / median T-AML trials %s)%n",
                    medianTrials[0] / medianTrials[taml], source, target, fmt(medianTrials[0]),
                    fmt(medianTrials[taml]));
        }
    }

    private String fmt(double trials) {
        return trials > budget ? "not reached" : String.format("%.0f", trials);
    }
}
