package io.wayfinder.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.strategy.evolution.HurdleSettings;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;
import java.util.List;

/**
 * Progressive dynamic hurdles as middleware around a task's evaluator (STYLE.md: early stopping wraps the engine
 * instead of living in a strategy). A child is trained with the first stage's budget share; if its reward is below
 * that stage's hurdle (the mean reward at that stage of the task's children so far, once {@code warmup} have been
 * seen) it stops there and its short-budget result is the trial's result; otherwise it is trained again with the next
 * share, up to the full budget. Every trial's details get a {@code hurdle} object: the stages trained, their rewards
 * and hurdles, whether it passed, and the budget it used (in full-budget units), so the saved compute is read from the
 * run's records. The hurdles are rebuilt from those records when a run resumes.
 */
public final class HurdleEvaluator implements TrialEvaluator {
    private final TrialEvaluator inner;
    private final HurdleSettings settings;
    private final double[] sum;
    private final long[] count;

    public HurdleEvaluator(TrialEvaluator inner, HurdleSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("no hurdles configured");
        }
        this.inner = inner;
        this.settings = settings;
        this.sum = new double[settings.shares().size()];
        this.count = new long[settings.shares().size()];
    }

    /** Folds the stage rewards recorded in earlier trials of this task (a resumed run) into the hurdles. */
    public synchronized void rebuild(List<TrialRecord> trials, int task) {
        accumulate(trials, task, sum, count);
    }

    private static void accumulate(List<TrialRecord> trials, int task, double[] sum, long[] count) {
        for (TrialRecord t : trials) {
            if (t.task() != task || t.details() == null || !t.status().counted()) {
                continue;
            }
            JsonNode h = Json.readTree(t.details(), "trial " + t.id()).get("hurdle");
            if (h == null) {
                continue;
            }
            JsonNode rewards = h.get("stageRewards");
            for (int i = 0; i < rewards.size() && i < sum.length; i++) {
                sum[i] += rewards.get(i).asDouble();
                count[i]++;
            }
        }
    }

    /**
     * The hurdles of a task as its recorded trials give them (what a resumed run starts from).
     *
     * @param shares  each stage's budget share
     * @param hurdles each stage's hurdle (NaN while the stage warms up)
     * @param seen    the children recorded at each stage
     * @param warmup  the children a stage must see before its hurdle applies
     */
    public record Levels(List<Double> shares, double[] hurdles, long[] seen, int warmup) {
    }

    /** The current hurdles of a task from its recorded trials. */
    public static Levels levels(List<TrialRecord> trials, int task, HurdleSettings settings) {
        int n = settings.shares().size();
        double[] sum = new double[n];
        long[] count = new long[n];
        accumulate(trials, task, sum, count);
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = count[i] < settings.warmup() ? Double.NaN : sum[i] / count[i];
        }
        return new Levels(settings.shares(), h, count, settings.warmup());
    }

    /** The current hurdle of a stage, NaN while it is still warming up. */
    public synchronized double hurdle(int stage) {
        return count[stage] < settings.warmup() ? Double.NaN : sum[stage] / count[stage];
    }

    private synchronized double passStage(int stage, double reward) {
        double h = hurdle(stage);
        sum[stage] += reward;
        count[stage]++;
        return h;
    }

    @Override
    public Evaluation evaluate(TrialContext context) throws Exception {
        ObjectNode info = Json.MAPPER.createObjectNode();
        ArrayNode shares = info.putArray("stageShares");
        ArrayNode rewards = info.putArray("stageRewards");
        ArrayNode hurdles = info.putArray("stageHurdles");
        double used = 0;
        for (int stage = 0; stage < settings.shares().size(); stage++) {
            double share = settings.shares().get(stage);
            Evaluation e = inner.evaluate(context.withBudget(share));
            used += share;
            double h = passStage(stage, e.reward());
            shares.add(share);
            rewards.add(e.reward());
            hurdles.add(Double.isNaN(h) ? null : h);
            if (!Double.isNaN(h) && e.reward() < h) {
                info.put("passed", false).put("stoppedAtStage", stage + 1).put("budgetUsed", used);
                return annotate(e, info);
            }
        }
        Evaluation e = inner.evaluate(context.withBudget(1.0));
        used += 1.0;
        info.put("passed", true).put("budgetUsed", used);
        return annotate(e, info);
    }

    private static Evaluation annotate(Evaluation e, ObjectNode info) {
        ObjectNode details = e.details() == null ? Json.MAPPER.createObjectNode() : e.details();
        details.set("hurdle", info);
        return new Evaluation(e.reward(), e.validationMetric(), e.testMetric(), details);
    }

    @Override
    public String datasetId() {
        return inner.datasetId();
    }

    @Override
    public String datasetHash() {
        return inner.datasetHash();
    }

    @Override
    public String backend() {
        return inner.backend();
    }

    @Override
    public boolean instant() {
        return inner.instant();
    }

    @Override
    public void close() {
        inner.close();
    }
}
