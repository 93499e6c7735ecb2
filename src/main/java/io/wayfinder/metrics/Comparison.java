package io.wayfinder.metrics;

import io.wayfinder.run.BaselineRecord;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paper's comparison (METHOD.md sections 7-8) over several runs, per task, with the seeds of one strategy
 * aggregated: Table 2, the trials each strategy needs to reach random search's validation accuracy-topN at budget T
 * (capped at T: later or never is "not reached", counted per seed); Table 3, test accuracy-topN after a budget (mean
 * over seeds +- 2 s.e.m.); and the learning curves behind both (median over seeds with a +-2 s.e.m. band). Runs are
 * grouped by their label (strategy, plus the pre-trained source for transfer runs), so two T-AML runs from different
 * sources stay apart. Pure: it only reads the runs' trials; the command line and the workbench render its result.
 */
public final class Comparison {
    private Comparison() {
    }

    /**
     * One run with its trials and its group label (runs with one label are seeds of one strategy).
     *
     * @param group e.g. "RS", "AML", "T-AML ← cifar10"; {@link #label(String)} of the strategy when not given
     */
    public record RunData(RunRecord run, List<TrialRecord> trials, String group) {
        public RunData(RunRecord run, List<TrialRecord> trials) {
            this(run, trials, label(run.strategy()));
        }
    }

    /**
     * What is compared.
     *
     * @param topN       N of accuracy-topN
     * @param rsBudget   T, RS's budget (null: the shortest RS run's trials on the task)
     * @param testBudget the trials after which test accuracy is read for Table 3 (null: T)
     * @param distinct   count each configuration once (deterministic tabular benchmarks)
     */
    public record Settings(int topN, Integer rsBudget, Integer testBudget, boolean distinct) {
        public Settings {
            if (topN < 1) {
                throw new IllegalArgumentException("N of accuracy-topN must be at least 1, found " + topN);
            }
            if (rsBudget != null && rsBudget < 1) {
                throw new IllegalArgumentException("the budget T must be at least 1, found " + rsBudget);
            }
            if (testBudget != null && testBudget < 1) {
                throw new IllegalArgumentException("the test budget must be at least 1, found " + testBudget);
            }
        }

        public static Settings defaults() {
            return new Settings(10, null, null, true);
        }
    }

    /** One seed (run) of a group on a task. */
    public record Seed(long runId, long seed, int trialsToMatch, double test, double testSem, int trials,
                       double[] validationCurve, double[] testCurve) {
        public boolean reached() {
            return trialsToMatch != TrialsToMatch.NOT_REACHED;
        }
    }

    /**
     * The best trial of a group on a task (highest validation; the earlier trial on ties), for "open in inspector".
     */
    public record BestTrial(long runId, long trialId, int seq, double validation, double test) {
    }

    /**
     * One group on one task.
     *
     * @param medianTrials  median over seeds of trials-to-match with "not reached" counted as never; NaN when the median
     *                      seed did not reach the level within T
     * @param notReached    how many seeds did not reach the level within T
     * @param test          mean over seeds of test accuracy-topN after the test budget
     * @param testSem       its standard error over seeds (one seed: over the run's top N)
     * @param testTrials    the trials the test figure was read after (the shortest seed's when shorter than the budget)
     * @param validation    validation curve, median over seeds, +-2 s.e.m.
     * @param testCurve     test curve, median over seeds, +-2 s.e.m.
     */
    public record Cell(String group, List<Seed> seeds, double medianTrials, int notReached, double test,
                       double testSem, int testTrials, LearningCurves.Band validation, LearningCurves.Band testCurve,
                       BestTrial best) {
        public boolean reached() {
            return !Double.isNaN(medianTrials);
        }
    }

    /**
     * One task: RS's level at T and a cell per group (null where the group lacks the task).
     *
     * @param rsLevel     median over RS seeds of validation accuracy-topN after T trials (NaN without RS)
     * @param bestTrials  index of the cell with the fewest median trials to match (-1: none reached)
     * @param bestTest    index of the cell with the highest test accuracy (-1: none)
     */
    public record Row(String task, double rsLevel, int rsBudget, int testBudget, List<Cell> cells, int bestTrials,
                      int bestTest) {
    }

    /**
     * The compared runs with, per task, the stored non-searched references (e.g. TF-IDF + logistic regression).
     *
     * @param references the references shown beside the strategies ({@link References#NONE} when none apply)
     */
    public record Table(List<String> columns, List<Row> rows, Settings settings, References references) {
        public Table {
            references = references == null ? References.NONE : references;
        }

        public Table(List<String> columns, List<Row> rows, Settings settings) {
            this(columns, rows, settings, References.NONE);
        }

        /** The same comparison with these references (the metric functions do not read them). */
        public Table withReferences(References r) {
            return new Table(columns, rows, settings, r);
        }
    }

    /**
     * Reference results beside a comparison: stored baselines of the compared tasks (trained on the same data set as
     * the runs), and the tasks that have none although one applies (text tasks), with the project file whose
     * {@code wayfinder baseline} would make it.
     *
     * @param baselines one per task and method, the newest
     * @param missing   task name to the project file (or name) to run {@code wayfinder baseline} on, in task order
     */
    public record References(List<BaselineRecord> baselines, Map<String, String> missing) {
        public static final References NONE = new References(List.of(), Map.of());

        public References {
            baselines = List.copyOf(baselines);
            missing = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missing));
        }

        /** The references of one task, in stored order. */
        public List<BaselineRecord> of(String task) {
            return baselines.stream().filter(b -> b.task().equals(task)).toList();
        }

        /** The distinct methods, in order of first appearance (one Table 3 column each). */
        public List<String> methods() {
            return baselines.stream().map(BaselineRecord::method).distinct().toList();
        }

        public boolean isEmpty() {
            return baselines.isEmpty() && missing.isEmpty();
        }
    }

    /** The paper's strategy labels. */
    public static String label(String strategy) {
        switch (strategy) {
            case "random":
                return "RS";
            case "aml":
                return "AML";
            case "maml":
                return "M-AML";
            case "taml":
                return "T-AML";
            case "evolution":
                return "EVO";
            case "tpe":
                return "TPE";
            case "ppo":
                return "PPO";
            case "mnms":
                return "MNMS";
            default:
                return strategy;
        }
    }

    /** For each task, RS's runs (strategy "random") set the level; every run is a seed of its group. */
    public static Table build(List<RunData> runs, Settings settings) {
        Set<String> tasks = new LinkedHashSet<>();
        Map<String, List<RunData>> groups = new LinkedHashMap<>();
        for (RunData r : runs) {
            tasks.addAll(r.run().taskNames());
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        int n = settings.topN();
        List<Row> rows = new ArrayList<>();
        for (String task : tasks) {
            List<RunData> rs = runs.stream().filter(r -> r.run().strategy().equals("random")
                    && r.run().taskNames().contains(task)).toList();
            double level = Double.NaN;
            int t = 0;
            if (!rs.isEmpty()) {
                List<double[]> curves = rs.stream().map(r -> validation(r, task, settings)).toList();
                t = settings.rsBudget() != null ? settings.rsBudget()
                        : curves.stream().mapToInt(c -> c.length).min().orElse(0);
                int budget = t;
                double[] levels = curves.stream().filter(c -> c.length > 0)
                        .mapToDouble(c -> TrialsToMatch.levelAt(c, budget)).filter(v -> !Double.isNaN(v)).toArray();
                level = Quantiles.median(levels);
            }
            int testAt = settings.testBudget() != null ? settings.testBudget() : t;
            List<Cell> cells = new ArrayList<>();
            for (Map.Entry<String, List<RunData>> g : groups.entrySet()) {
                List<RunData> members = g.getValue().stream().filter(r -> r.run().taskNames().contains(task)).toList();
                cells.add(members.isEmpty() ? null : cell(g.getKey(), members, task, level, t, testAt, settings));
            }
            int bestTrials = -1;
            int bestTest = -1;
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                if (c == null) {
                    continue;
                }
                if (c.reached() && (bestTrials < 0 || c.medianTrials() < cells.get(bestTrials).medianTrials())) {
                    bestTrials = i;
                }
                if (!Double.isNaN(c.test()) && (bestTest < 0 || c.test() > cells.get(bestTest).test())) {
                    bestTest = i;
                }
            }
            rows.add(new Row(task, level, t, testAt, cells, bestTrials, bestTest));
        }
        return new Table(List.copyOf(groups.keySet()), rows, settings);
    }

    private static AccuracyTopN.Result[] curve(RunData r, String task, Settings s) {
        return LearningCurves.accuracyTopN(r.trials(), r.run().taskNames().indexOf(task), s.topN(), Counting.of(!s.distinct()));
    }

    private static double[] validation(RunData r, String task, Settings s) {
        return TrialsToMatch.validationMeans(curve(r, task, s), s.topN());
    }

    private static Cell cell(String group, List<RunData> members, String task, double level, int budget, int testAt,
                             Settings settings) {
        int n = settings.topN();
        List<Seed> seeds = new ArrayList<>();
        List<double[]> vs = new ArrayList<>();
        List<double[]> ts = new ArrayList<>();
        BestTrial best = null;
        int shortest = Integer.MAX_VALUE;
        for (RunData r : members) {
            AccuracyTopN.Result[] c = curve(r, task, settings);
            double[] v = TrialsToMatch.validationMeans(c, n);
            double[] te = LearningCurves.testMeans(c, n);
            vs.add(v);
            ts.add(te);
            int match = Double.isNaN(level) || budget < 1 ? TrialsToMatch.NOT_REACHED
                    : TrialsToMatch.trialsToReach(v, level, budget);
            int at = Math.min(testAt, c.length);
            shortest = Math.min(shortest, at);
            AccuracyTopN.Result res = at == 0 ? new AccuracyTopN.Result(Double.NaN, Double.NaN, Double.NaN, 0)
                    : c[at - 1];
            seeds.add(new Seed(r.run().id(), r.run().seed(), match, res.testMean(), res.testSem(), at, v, te));
            BestTrial b = bestTrial(r, task);
            if (b != null && (best == null || b.validation() > best.validation())) {
                best = b;
            }
        }
        double[] trials = seeds.stream().mapToDouble(s -> s.reached() ? s.trialsToMatch() : Double.POSITIVE_INFINITY)
                .toArray();
        double median = Quantiles.median(trials);
        int notReached = (int) seeds.stream().filter(s -> !s.reached()).count();
        double[] tests = seeds.stream().mapToDouble(Seed::test).filter(x -> !Double.isNaN(x)).toArray();
        double test = Statistics.mean(tests);
        double sem = tests.length == 1 ? seeds.stream().mapToDouble(Seed::testSem).filter(x -> !Double.isNaN(x))
                .findFirst().orElse(Double.NaN) : Statistics.sem(tests);
        return new Cell(group, seeds, Double.isInfinite(median) ? Double.NaN : median, notReached, test, sem,
                shortest == Integer.MAX_VALUE ? 0 : shortest, LearningCurves.aggregate(vs),
                LearningCurves.aggregate(ts), best);
    }

    private static BestTrial bestTrial(RunData r, String task) {
        int idx = r.run().taskNames().indexOf(task);
        TrialRecord best = null;
        for (TrialRecord t : r.trials()) {
            if (t.task() != idx || t.status() != TrialStatus.COMPLETE || Double.isNaN(t.validationMetric())
                    || t.observeOrder() < 0) {
                continue;
            }
            if (best == null || t.validationMetric() > best.validationMetric()
                    || (t.validationMetric() == best.validationMetric() && t.observeOrder() < best.observeOrder())) {
                best = t;
            }
        }
        return best == null ? null : new BestTrial(r.run().id(), best.id(), best.seq(), best.validationMetric(),
                best.testMetric());
    }

    /** The seeds' trials-to-match in run order, "not reached" as {@link TrialsToMatch#NOT_REACHED}. */
    public static int[] trialsPerSeed(Cell c) {
        return c.seeds().stream().mapToInt(Seed::trialsToMatch).toArray();
    }

    /** For debugging and tests: a cell's seeds' test figures. */
    public static double[] testPerSeed(Cell c) {
        return Arrays.stream(c.seeds().toArray(Seed[]::new)).mapToDouble(Seed::test).toArray();
    }
}
