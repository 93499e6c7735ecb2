package io.wayfinder.metrics;

import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The paper's comparison tables (METHOD.md section 7-8) over several runs, per task:
 * Table 2, the trials each run needs to reach random search's validation accuracy-topN at budget T, and Table 3, each
 * run's test accuracy-topN +-2 s.e.m. after a budget. Pure: it only reads the runs' trials.
 */
public final class Comparison {
    private Comparison() {
    }

    /** One run with its trials. */
    public record RunData(RunRecord run, List<TrialRecord> trials) {
    }

    /** One cell: trials to match ({@link TrialsToMatch#NOT_REACHED} for n/a) and test accuracy-topN at the budget. */
    public record Cell(int trialsToMatch, double test, double testSem, int trials) {
    }

    /** One row per task; {@code cells} parallel to {@link Table#columns}, null where a run lacks the task. */
    public record Row(String task, double rsLevel, int rsBudget, List<Cell> cells) {
    }

    public record Table(List<String> columns, List<Row> rows, int topN, Integer testBudget) {
    }

    /**
     * @param runs       the runs to compare; for each task, the first {@code random} run that has it sets the level
     * @param rsBudget   T (null: the RS run's own number of trials on that task)
     * @param testBudget trials after which test accuracy is read (null: T)
     */
    public static Table build(List<RunData> runs, int topN, Integer rsBudget, Integer testBudget, boolean distinct) {
        return build(runs, topN, rsBudget, testBudget, distinct, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #build(List, int, Integer, Integer, boolean)}, with column labels from {@code label} (strategy id to
     * the label of tables, e.g. {@code io.wayfinder.strategy.Strategies::label}).
     */
    public static Table build(List<RunData> runs, int topN, Integer rsBudget, Integer testBudget, boolean distinct,
                              java.util.function.UnaryOperator<String> label) {
        Set<String> tasks = new LinkedHashSet<>();
        List<String> columns = new ArrayList<>();
        for (RunData r : runs) {
            tasks.addAll(r.run().taskNames());
            columns.add("#" + r.run().id() + " " + label.apply(r.run().strategy()));
        }
        List<Row> rows = new ArrayList<>();
        for (String task : tasks) {
            RunData rs = runs.stream().filter(r -> r.run().strategy().equals("random")
                    && r.run().taskNames().contains(task)).findFirst().orElse(null);
            double level = Double.NaN;
            int t = 0;
            if (rs != null) {
                AccuracyTopN.Result[] c = LearningCurves.accuracyTopN(rs.trials(), rs.run().taskNames().indexOf(task),
                        topN, distinct);
                t = rsBudget != null ? rsBudget : c.length;
                level = TrialsToMatch.levelAt(TrialsToMatch.validationMeans(c, topN), t);
            }
            int testAt = testBudget != null ? testBudget : t;
            List<Cell> cells = new ArrayList<>();
            for (RunData r : runs) {
                int idx = r.run().taskNames().indexOf(task);
                if (idx < 0) {
                    cells.add(null);
                    continue;
                }
                AccuracyTopN.Result[] c = LearningCurves.accuracyTopN(r.trials(), idx, topN, distinct);
                int match = Double.isNaN(level) ? TrialsToMatch.NOT_REACHED
                        : TrialsToMatch.trialsToReach(TrialsToMatch.validationMeans(c, topN), level);
                int at = testAt > 0 ? Math.min(testAt, c.length) : c.length;
                AccuracyTopN.Result res = at == 0 ? new AccuracyTopN.Result(Double.NaN, Double.NaN, Double.NaN, 0)
                        : c[at - 1];
                cells.add(new Cell(match, res.testMean(), res.testSem(), at));
            }
            rows.add(new Row(task, level, t, cells));
        }
        return new Table(columns, rows, topN, testBudget);
    }

    /** Table 2 (trials to match) and Table 3 (test accuracy) as aligned text, CSV or Markdown. */
    public static String render(Table table, String format) {
        StringBuilder out = new StringBuilder();
        boolean csv = format.equals("csv");
        boolean md = format.equals("markdown");
        List<List<String>> t2 = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("task", "T"));
        head.addAll(table.columns());
        t2.add(head);
        for (Row r : table.rows()) {
            List<String> line = new ArrayList<>(List.of(r.task(), String.valueOf(r.rsBudget())));
            for (Cell c : r.cells()) {
                line.add(c == null ? "" : c.trialsToMatch() == TrialsToMatch.NOT_REACHED ? "n/a"
                        : String.valueOf(c.trialsToMatch()));
            }
            t2.add(line);
        }
        List<List<String>> t3 = new ArrayList<>();
        List<String> head3 = new ArrayList<>(List.of("task", "trials"));
        head3.addAll(table.columns());
        t3.add(head3);
        for (Row r : table.rows()) {
            int at = r.cells().stream().filter(c -> c != null).mapToInt(Cell::trials).max().orElse(0);
            List<String> line = new ArrayList<>(List.of(r.task(), String.valueOf(at)));
            for (Cell c : r.cells()) {
                line.add(c == null || Double.isNaN(c.test()) ? "" : csv
                        ? String.format(Locale.ROOT, "%.4f", c.test())
                        : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * c.test(), 200 * c.testSem()));
            }
            t3.add(line);
        }
        if (csv) {
            out.append("table,").append(String.join(",", t2.get(0))).append('\n');
            t2.stream().skip(1).forEach(l -> out.append("trials-to-match,").append(String.join(",", l)).append('\n'));
            t3.stream().skip(1).forEach(l -> out.append("test-accuracy-top").append(table.topN()).append(',')
                    .append(String.join(",", l)).append('\n'));
            return out.toString();
        }
        out.append(md ? "### " : "").append("Table 2: trials to reach RS's validation accuracy-top")
                .append(table.topN()).append(" at T\n\n");
        out.append(grid(t2, md));
        out.append('\n').append(md ? "### " : "").append("Table 3: test accuracy-top").append(table.topN())
                .append(" (%, ± 2 s.e.m.) after the given trials\n\n");
        out.append(grid(t3, md));
        return out.toString();
    }

    private static String grid(List<List<String>> rows, boolean markdown) {
        int cols = rows.get(0).size();
        int[] w = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            List<String> r = rows.get(k);
            if (markdown) {
                b.append('|');
            }
            for (int i = 0; i < cols; i++) {
                String cell = i == 0 ? pad(r.get(i), w[i], false) : pad(r.get(i), w[i], true);
                b.append(markdown ? " " + cell + " |" : (i == 0 ? "" : "  ") + cell);
            }
            b.append('\n');
            if (markdown && k == 0) {
                b.append('|');
                for (int i = 0; i < cols; i++) {
                    b.append(i == 0 ? ":" + "-".repeat(w[i] + 1) + "|" : "-".repeat(w[i] + 1) + ":|");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }
}
