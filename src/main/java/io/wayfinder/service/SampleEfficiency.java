package io.wayfinder.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.metrics.AccuracyTopN;
import io.wayfinder.run.Json;
import io.wayfinder.metrics.LearningCurves;
import io.wayfinder.project.Project;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.metrics.TrialsToMatch;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The transfer experiment of issue 3 on a tabular benchmark, for one seed: random search (RS), single-task strategies
 * from scratch (AML by default; any registered strategy, e.g. {@code evolution} or {@code tpe}) and, when
 * {@code transfer}, T-AML (M-AML pre-trained on a source task, then transferred) on a target task, each for the same
 * budget, measured by trials-to-match RS's validation accuracy-top10 at the budget and by test accuracy-top10 at
 * check points. Runs use the real search loop on an in-memory store.
 *
 * @param base           a project whose first task is the template (kind, data, settings) for source and target
 * @param source         the pre-training task's name (its {@code taskValue})
 * @param target         the transfer target's name
 * @param pretrainTrials M-AML trials on the source
 * @param budget         trials per strategy on the target (RS's T)
 * @param checkpoints    trial counts at which test accuracy-top10 is reported
 * @param learner        settings for aml / maml / taml (learning rate, entropy, ...)
 * @param counting       whether repeated configurations count again in accuracy-top10 (see Counting)
 * @param singleTask     the strategies run from scratch on the target besides RS, in report order
 * @param settings       per strategy id, its settings block (aml / maml / taml fall back to {@code learner})
 * @param transfer       whether to pre-train M-AML on the source and run T-AML on the target
 */
public record SampleEfficiency(Project base, String source, String target, int pretrainTrials, int budget,
                               int[] checkpoints, ObjectNode learner, io.wayfinder.metrics.Counting counting, Path dataDirectory,
                               List<String> singleTask, java.util.Map<String, ObjectNode> settings, boolean transfer) {

    /** RS, AML and T-AML, as in the papers' table. */
    public SampleEfficiency(Project base, String source, String target, int pretrainTrials, int budget,
                            int[] checkpoints, ObjectNode learner, io.wayfinder.metrics.Counting counting, Path dataDirectory) {
        this(base, source, target, pretrainTrials, budget, checkpoints, learner, counting, dataDirectory,
                List.of("aml"), java.util.Map.of(), true);
    }

    private ObjectNode settingsOf(String strategy) {
        ObjectNode s = settings.get(strategy);
        if (s != null) {
            return s;
        }
        return List.of("aml", "maml", "taml").contains(strategy) ? learner : null;
    }

    public static final int TOP_N = 10;

    /** What one strategy achieved on the target. */
    public record Outcome(String strategy, int trialsToMatch, double validationAtBudget, double[] testAt,
                          double seconds) {
    }

    /** One seed's result: RS's level and each strategy's outcome (RS first). */
    public record SeedResult(long seed, double rsLevel, List<Outcome> outcomes) {
    }

    /**
     * Check points that follow the budget: a tenth, three tenths and all of it, none before accuracy-top10 exists
     * (the 10th trial), none after the budget.
     */
    public static int[] checkpointsFor(int budget) {
        int first = Math.min(TOP_N, budget);
        return java.util.stream.IntStream.of(Math.max(first, budget / 10), Math.max(first, 3 * budget / 10), budget)
                .distinct().toArray();
    }

    public SeedResult run(long seed) throws InterruptedException {
        try (RunStore store = new InMemoryRunStore()) {
            Searches searches = new Searches(store, dataDirectory, Path.of(System.getProperty("java.io.tmpdir")));
            List<Outcome> out = new ArrayList<>();
            Searched rs = search(searches, "random", target, budget, seed, null, -1);
            double[] rsCurve = curve(store, rs.run());
            double level = TrialsToMatch.levelAt(rsCurve, budget);
            out.add(withMatch(rs.outcome(), rsCurve, level));
            for (String strategy : singleTask) {
                Searched one = search(searches, strategy, target, budget, seed, settingsOf(strategy), -1);
                out.add(withMatch(one.outcome(), curve(store, one.run()), level));
            }
            if (transfer) {
                Searched pre = search(searches, "maml", source, pretrainTrials, seed + 7919, settingsOf("maml"), -1);
                Searched taml = search(searches, "taml", target, budget, seed, settingsOf("taml"), pre.run());
                Outcome t = taml.outcome();
                out.add(withMatch(new Outcome(t.strategy(), 0, 0, t.testAt(), t.seconds() + pre.outcome().seconds()),
                        curve(store, taml.run()), level));
            }
            return new SeedResult(seed, level, out);
        }
    }

    private record Searched(long run, Outcome outcome) {
    }

    private Searched search(Searches searches, String strategy, String task, int trials, long seed, ObjectNode settings,
                           long pretrainedRun) throws InterruptedException {
        ObjectNode s = settings == null ? Json.MAPPER.createObjectNode() : settings.deepCopy();
        if (pretrainedRun >= 0) {
            s.putObject("pretrained").put("run", pretrainedRun);
        }
        TaskSpec template = base.tasks().get(0);
        ObjectNode ts = template.settings().node().deepCopy();
        ts.put("taskValue", task);
        TaskSpec spec = new TaskSpec(task, template.kind(), template.data(), template.metric(),
                new Settings(template.settings().source(), template.settings().path(), ts));
        Project p = base.withTasks(List.of(spec))
                .withStrategy(new StrategySpec(strategy, new Settings("sample-efficiency", "$.strategy.settings", s)))
                .withSeed(seed).withTrialsPerTask(trials);
        long t0 = System.nanoTime();
        long run;
        try (PreparedSearch search = searches.start(p)) {
            search.run(SearchListener.NONE, new SearchControl());
            run = search.runId();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        AccuracyTopN.Result[] c = LearningCurves.accuracyTopN(searches.store().trials(run), 0, TOP_N, counting);
        double[] testAt = new double[checkpoints.length];
        for (int i = 0; i < checkpoints.length; i++) {
            testAt[i] = c.length == 0 ? Double.NaN : c[Math.min(checkpoints[i], c.length) - 1].testMean();
        }
        return new Searched(run, new Outcome(strategy, 0, 0, testAt, seconds));
    }

    private double[] curve(RunStore store, long run) {
        return TrialsToMatch.validationMeans(LearningCurves.accuracyTopN(store.trials(run), 0, TOP_N, counting), TOP_N);
    }

    private Outcome withMatch(Outcome o, double[] curve, double level) {
        return new Outcome(o.strategy(), TrialsToMatch.trialsToReach(curve, level, budget),
                TrialsToMatch.levelAt(curve, budget), o.testAt(), o.seconds());
    }
}
