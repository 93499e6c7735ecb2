package io.wayfinder.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.metrics.LearningCurves;
import io.wayfinder.metrics.TrialsToMatch;
import io.wayfinder.project.Project;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.Json;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-task sample efficiency of several strategies on one task of a tabular benchmark, for one seed: random
 * search sets the level (its validation accuracy-top10 at the budget), and every strategy is measured by the trials
 * it needs to reach that level (capped at the budget: "not reached" otherwise). Each strategy runs the real search
 * loop on an in-memory store. A strategy whose settings say {@code "mode": "transfer"} is first pre-trained (mode
 * {@code multitask}, same strategy) on {@code source} for {@code pretrainTrials} trials.
 *
 * @param base           a project whose first task is the template (kind, data, settings)
 * @param task           the task (its {@code taskValue}), e.g. {@code cifar100}
 * @param budget         trials per strategy (RS's T)
 * @param strategies     the strategies to measure, each a label, an id and its settings
 * @param distinct       count each configuration once in accuracy-top10
 * @param source         the pre-training task for transfer strategies (may be null when there are none)
 * @param pretrainTrials pre-training trials for transfer strategies
 */
public record StrategyEfficiency(Project base, String task, int budget, List<Entry> strategies, boolean distinct,
                                 String source, int pretrainTrials, Path dataDirectory) {

    public static final int TOP_N = 10;

    /** One strategy to measure: a label for the report, the strategy id and its settings. */
    public record Entry(String label, String id, ObjectNode settings) {
        boolean transfer() {
            return settings.has("mode") && settings.get("mode").asText().equals("transfer");
        }
    }

    /** One seed's result: RS's level, and per strategy (in order) trials to reach it and the level reached. */
    public record SeedResult(long seed, double rsLevel, int[] trialsToMatch, double[] levelAtBudget, double[] seconds) {
    }

    public SeedResult run(long seed) throws InterruptedException {
        try (RunStore store = new InMemoryRunStore()) {
            Searches searches = new Searches(store, dataDirectory, Path.of(System.getProperty("java.io.tmpdir")));
            long rs = search(searches, "random", Json.MAPPER.createObjectNode(), task, budget, seed);
            double level = TrialsToMatch.levelAt(curve(store, rs), budget);
            int n = strategies.size();
            int[] trials = new int[n];
            double[] levels = new double[n];
            double[] seconds = new double[n];
            for (int i = 0; i < n; i++) {
                Entry e = strategies.get(i);
                long t0 = System.nanoTime();
                ObjectNode s = e.settings().deepCopy();
                if (e.transfer()) {
                    ObjectNode pre = e.settings().deepCopy();
                    pre.put("mode", "multitask");
                    long preRun = search(searches, e.id(), pre, source, pretrainTrials, seed + 7919);
                    s.putObject("pretrained").put("run", preRun);
                }
                long run = search(searches, e.id(), s, task, budget, seed);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                double[] c = curve(store, run);
                trials[i] = TrialsToMatch.trialsToReach(c, level);
                levels[i] = TrialsToMatch.levelAt(c, budget);
            }
            return new SeedResult(seed, level, trials, levels, seconds);
        }
    }

    private long search(Searches searches, String strategy, ObjectNode settings, String taskName, int trials,
                        long seed) throws InterruptedException {
        TaskSpec template = base.tasks().get(0);
        ObjectNode ts = template.settings().node().deepCopy();
        ts.put("taskValue", taskName);
        TaskSpec spec = new TaskSpec(taskName, template.kind(), template.data(), template.metric(),
                new Settings(template.settings().source(), template.settings().path(), ts));
        Project p = base.withTasks(List.of(spec))
                .withStrategy(new StrategySpec(strategy, new Settings("bench strategies", "$.strategy.settings",
                        settings)))
                .withSeed(seed).withTrialsPerTask(trials);
        try (PreparedSearch search = searches.start(p)) {
            search.run(SearchListener.NONE, new SearchControl());
            return search.runId();
        }
    }

    private double[] curve(RunStore store, long run) {
        return TrialsToMatch.validationMeans(LearningCurves.accuracyTopN(store.trials(run), 0, TOP_N, distinct ? io.wayfinder.metrics.Counting.of(false) : io.wayfinder.metrics.Counting.of(true)), TOP_N);
    }

    /** Parses {@code LABEL=ID[,key=value...]} strategy entries, e.g. {@code ppo-lr3=ppo,learningRate=0.003}. */
    public static Entry parseEntry(String text) {
        String label = text;
        String rest = text;
        int eq = text.indexOf('=');
        int comma = text.indexOf(',');
        if (eq > 0 && (comma < 0 || eq < comma)) {
            label = text.substring(0, eq);
            rest = text.substring(eq + 1);
        }
        String[] parts = rest.split(",");
        ObjectNode settings = Json.MAPPER.createObjectNode();
        List<String> bad = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                bad.add(parts[i]);
                continue;
            }
            String v = kv[1];
            if (v.equals("true") || v.equals("false")) {
                settings.put(kv[0], Boolean.parseBoolean(v));
            } else {
                try {
                    double d = Double.parseDouble(v);
                    if (d == Math.rint(d) && !v.contains(".") && !v.contains("e")) {
                        settings.put(kv[0], (long) d);
                    } else {
                        settings.put(kv[0], d);
                    }
                } catch (NumberFormatException e) {
                    settings.put(kv[0], v);
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("--strategy expects LABEL=ID,key=value,..., found \"" + text + "\"");
        }
        return new Entry(label.equals(text) ? parts[0] : label, parts[0], settings);
    }
}
