package io.wayfinder.report;

import io.wayfinder.metrics.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paper's Table 2 and Table 3 of a {@link Comparison.Table} as cell text (what the workbench shows), aligned text,
 * CSV (one line per task and strategy, machine-readable) and Markdown / HTML (best per row in bold).
 */
public final class ComparisonTables {
    private ComparisonTables() {
    }

    /** Column headers: the group with its number of seeds. */
    public static List<String> headers(Comparison.Table t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            int seeds = 0;
            for (Comparison.Row r : t.rows()) {
                Comparison.Cell c = r.cells().get(i);
                if (c != null) {
                    seeds = Math.max(seeds, c.seeds().size());
                }
            }
            out.add(t.columns().get(i) + (seeds > 1 ? " (" + seeds + " seeds)" : ""));
        }
        return out;
    }

    /** Table 2's cell: the median trials to match, "not reached" when the median seed never matched within T. */
    public static String trialsText(Comparison.Cell c) {
        if (c == null) {
            return "";
        }
        int n = c.seeds().size();
        if (!c.reached()) {
            return n == 1 ? "not reached" : "not reached (" + c.notReached() + " of " + n + " seeds)";
        }
        String median = String.format(Locale.ROOT, c.medianTrials() == Math.rint(c.medianTrials()) ? "%.0f" : "%.1f",
                c.medianTrials());
        return c.notReached() == 0 ? median : median + " (" + c.notReached() + " of " + n + " not reached)";
    }

    /** Table 3's cell: test accuracy-topN in percent +- 2 s.e.m. */
    public static String testText(Comparison.Cell c) {
        if (c == null || Double.isNaN(c.test())) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * c.test(), 200 * c.testSem());
    }

    public static String table2Title(Comparison.Table t) {
        return "Table 2: trials to reach RS's validation accuracy-top" + t.settings().topN()
                + " at T (median over seeds; \"not reached\" within T)";
    }

    public static String table3Title(Comparison.Table t) {
        return "Table 3: test accuracy-top" + t.settings().topN()
                + " (%, mean over seeds ± 2 s.e.m.; one seed: ± 2 s.e.m. over its top " + t.settings().topN()
                + ") after the given trials" + (t.references().methods().isEmpty() ? ""
                : "; reference: a linear model's test accuracy, not searched");
    }

    /** Table 2 as rows of text, the header first; {@code bold[r][c]} marks the best of each row. */
    public static List<List<String>> table2(Comparison.Table t) {
        List<List<String>> out = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("task", "T", "RS level (%)"));
        head.addAll(headers(t));
        out.add(head);
        for (Comparison.Row r : t.rows()) {
            List<String> line = new ArrayList<>(List.of(r.task(), String.valueOf(r.rsBudget()),
                    Double.isNaN(r.rsLevel()) ? "no RS run" : String.format(Locale.ROOT, "%.2f", 100 * r.rsLevel())));
            for (Comparison.Cell c : r.cells()) {
                line.add(trialsText(c));
            }
            out.add(line);
        }
        return out;
    }

    /**
     * Table 3 as rows of text, the header first: a column per group, then a column per stored reference method
     * (its test accuracy; "none stored" on a text task without one).
     */
    public static List<List<String>> table3(Comparison.Table t) {
        List<List<String>> out = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("task", "trials"));
        head.addAll(headers(t));
        List<String> methods = t.references().methods();
        for (String m : methods) {
            head.add(referenceLabel(m) + " (reference)");
        }
        out.add(head);
        for (Comparison.Row r : t.rows()) {
            int at = r.cells().stream().filter(c -> c != null).mapToInt(Comparison.Cell::testTrials).min().orElse(0);
            List<String> line = new ArrayList<>(List.of(r.task(), String.valueOf(at)));
            for (Comparison.Cell c : r.cells()) {
                line.add(testText(c));
            }
            for (String m : methods) {
                line.add(t.references().of(r.task()).stream().filter(b -> b.method().equals(m)).findFirst()
                        .map(b -> String.format(Locale.ROOT, "%.2f", 100 * b.test()))
                        .orElse(t.references().missing().containsKey(r.task()) ? "none stored" : ""));
            }
            out.add(line);
        }
        return out;
    }

    /** A reference method's short name: "TF-IDF+LR" for TF-IDF 1-2 grams + logistic regression. */
    public static String referenceLabel(String method) {
        switch (method) {
            case "tfidf-1-2gram+logreg":
                return "TF-IDF+LR";
            case "unigram-indicators+logreg":
                return "unigrams+LR";
            default:
                return method;
        }
    }

    public static String referencesTitle() {
        return "Reference (not searched): linear baselines stored by `wayfinder baseline`, setting chosen on "
                + "validation, accuracy in %";
    }

    /** The references as rows of text, the header first: task, method, setting, validation, test, project. */
    public static List<List<String>> references(Comparison.Table t) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("task", "reference", "method", "setting", "validation (%)", "test (%)", "stored by"));
        for (io.wayfinder.run.BaselineRecord b : t.references().baselines()) {
            out.add(List.of(b.task(), referenceLabel(b.method()), b.method(), b.setting(),
                    String.format(Locale.ROOT, "%.2f", 100 * b.validation()),
                    String.format(Locale.ROOT, "%.2f", 100 * b.test()), "project " + b.project()));
        }
        return out;
    }

    /**
     * What to run for the text tasks without a stored reference ("" when every text task has one): one line per
     * project file, e.g. "no linear baseline stored for cr: `wayfinder baseline text-cr.json` trains one".
     */
    public static String missingReferences(Comparison.Table t) {
        java.util.Map<String, List<String>> byProject = new java.util.LinkedHashMap<>();
        t.references().missing().forEach((task, project) -> byProject.computeIfAbsent(project,
                k -> new ArrayList<>()).add(task));
        StringBuilder b = new StringBuilder();
        byProject.forEach((project, tasks) -> b.append("no linear baseline stored for ").append(String.join(", ", tasks))
                .append(": `wayfinder baseline ").append(project).append("` trains one (TF-IDF + logistic "
                        + "regression, seconds per task) and stores it beside the runs\n"));
        return b.toString();
    }

    /** The first data column of both tables (columns before the groups). */
    static int offset(boolean table2) {
        return table2 ? 3 : 2;
    }

    /** Both tables as aligned text, Markdown or HTML ("text", "markdown", "html"). */
    public static String render(Comparison.Table t, String format) {
        StringBuilder out = new StringBuilder();
        boolean md = format.equals("markdown");
        boolean html = format.equals("html");
        if (format.equals("csv")) {
            return csv2(t) + "\n" + csv3(t) + (t.references().baselines().isEmpty() ? "" : "\n" + csvReferences(t));
        }
        for (int k = 0; k < 2; k++) {
            boolean two = k == 0;
            String title = two ? table2Title(t) : table3Title(t);
            List<List<String>> rows = two ? table2(t) : table3(t);
            if (html) {
                out.append("<h3>").append(SvgCanvas.escape(title)).append("</h3>\n").append(html(t, rows, two));
            } else {
                out.append(md ? "### " : "").append(title).append("\n\n").append(grid(t, rows, two, md)).append('\n');
            }
        }
        if (!t.references().isEmpty()) {
            String title = referencesTitle();
            String missing = missingReferences(t);
            List<List<String>> rows = references(t);
            if (html) {
                out.append("<h3>").append(SvgCanvas.escape(title)).append("</h3>\n");
                if (rows.size() > 1) {
                    out.append(html(null, rows, false));
                }
                for (String line : missing.lines().toList()) {
                    out.append("<p>").append(SvgCanvas.escape(line)).append("</p>\n");
                }
            } else {
                out.append(md ? "### " : "").append(title).append("\n\n");
                if (rows.size() > 1) {
                    out.append(grid(null, rows, false, md)).append('\n');
                }
                if (!missing.isEmpty()) {
                    out.append(missing).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static boolean bold(Comparison.Table t, int row, int col, boolean two) {
        if (t == null) {
            return false;
        }
        Comparison.Row r = t.rows().get(row);
        int c = col - offset(two);
        return c >= 0 && c == (two ? r.bestTrials() : r.bestTest());
    }

    private static String grid(Comparison.Table t, List<List<String>> rows, boolean two, boolean markdown) {
        List<List<String>> shown = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            List<String> line = new ArrayList<>(rows.get(k));
            for (int i = 0; i < line.size(); i++) {
                if (k > 0 && bold(t, k - 1, i, two) && !line.get(i).isEmpty()) {
                    line.set(i, markdown ? "**" + line.get(i) + "**" : "*" + line.get(i));
                }
            }
            shown.add(line);
        }
        int cols = shown.get(0).size();
        int[] w = new int[cols];
        for (List<String> r : shown) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < shown.size(); k++) {
            List<String> r = shown.get(k);
            if (markdown) {
                b.append('|');
            }
            for (int i = 0; i < cols; i++) {
                String cell = pad(r.get(i), w[i], i > 0);
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
        if (!markdown && t != null) {
            b.append("(* best of the row)\n");
        }
        return b.toString();
    }

    private static String html(Comparison.Table t, List<List<String>> rows, boolean two) {
        StringBuilder b = new StringBuilder("<table>\n<tr>");
        for (String h : rows.get(0)) {
            b.append("<th>").append(SvgCanvas.escape(h)).append("</th>");
        }
        b.append("</tr>\n");
        for (int k = 1; k < rows.size(); k++) {
            b.append("<tr>");
            List<String> r = rows.get(k);
            for (int i = 0; i < r.size(); i++) {
                String v = SvgCanvas.escape(r.get(i));
                b.append(i == 0 ? "<td>" : "<td class=\"num\">")
                        .append(bold(t, k - 1, i, two) && !v.isEmpty() ? "<b>" + v + "</b>" : v).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    /** Table 2 as CSV: one line per task and strategy with the median, the not-reached count and each seed. */
    public static String csv2(Comparison.Table t) {
        StringBuilder b = new StringBuilder("task,T,rs_level,strategy,seeds,median_trials_to_match,not_reached,"
                + "per_seed\n");
        for (Comparison.Row r : t.rows()) {
            for (int i = 0; i < r.cells().size(); i++) {
                Comparison.Cell c = r.cells().get(i);
                if (c == null) {
                    continue;
                }
                StringBuilder seeds = new StringBuilder();
                for (int s : Comparison.trialsPerSeed(c)) {
                    seeds.append(seeds.length() == 0 ? "" : " ").append(s < 0 ? "not-reached" : String.valueOf(s));
                }
                b.append(csv(r.task())).append(',').append(r.rsBudget()).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", r.rsLevel())).append(',')
                        .append(csv(t.columns().get(i))).append(',').append(c.seeds().size()).append(',')
                        .append(c.reached() ? String.format(Locale.ROOT, "%.1f", c.medianTrials()) : "not reached")
                        .append(',').append(c.notReached()).append(',').append(seeds).append('\n');
            }
        }
        return b.toString();
    }

    /** Table 3 as CSV: test accuracy-topN (fraction) and 2 s.e.m. per task and strategy. */
    public static String csv3(Comparison.Table t) {
        StringBuilder b = new StringBuilder("task,trials,strategy,seeds,test_accuracy_top" + t.settings().topN()
                + ",two_sem\n");
        for (Comparison.Row r : t.rows()) {
            for (int i = 0; i < r.cells().size(); i++) {
                Comparison.Cell c = r.cells().get(i);
                if (c == null) {
                    continue;
                }
                b.append(csv(r.task())).append(',').append(c.testTrials()).append(',').append(csv(t.columns().get(i)))
                        .append(',').append(c.seeds().size()).append(',')
                        .append(String.format(Locale.ROOT, "%.6f,%.6f", c.test(), 2 * c.testSem())).append('\n');
            }
        }
        return b.toString();
    }

    /** The references as CSV: task, method, setting, validation and test accuracy (fractions), project, data. */
    public static String csvReferences(Comparison.Table t) {
        StringBuilder b = new StringBuilder("task,reference,setting,validation_accuracy,test_accuracy,project,"
                + "dataset_id,dataset_hash\n");
        for (io.wayfinder.run.BaselineRecord r : t.references().baselines()) {
            b.append(csv(r.task())).append(',').append(csv(r.method())).append(',').append(csv(r.setting()))
                    .append(String.format(Locale.ROOT, ",%.6f,%.6f,", r.validation(), r.test()))
                    .append(csv(r.project())).append(',').append(csv(String.valueOf(r.datasetId()))).append(',')
                    .append(csv(String.valueOf(r.datasetHash()))).append('\n');
        }
        return b.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }
}
