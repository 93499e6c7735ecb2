package io.wayfinder.report;

import io.wayfinder.metrics.Comparison;
import io.wayfinder.metrics.LearningCurves;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison's figures as {@link Plot}s: per task, validation and test accuracy-topN against trials of that task,
 * one median line with a +-2 s.e.m. band per strategy, RS's level at T as a dashed line and a marker where each
 * strategy's median trials-to-match reaches it (the numbers of Table 2); on the test figure the stored references'
 * test accuracy (e.g. TF-IDF + logistic regression) as labelled dashed lines.
 */
public final class ComparisonPlots {
    /** Colours of the reference levels (a linear baseline's test accuracy): none of a strategy's. */
    static final int[] REFERENCE_COLORS = {0x9d174d, 0x4d7c0f};

    private ComparisonPlots() {
    }

    /** A colour per group: RS grey, AML blue, M-AML green, T-AML orange (a second transfer source purple). */
    public static int color(List<String> groups, int index) {
        String g = groups.get(index);
        int transfers = 0;
        for (int i = 0; i < index; i++) {
            if (groups.get(i).startsWith("T-AML")) {
                transfers++;
            }
        }
        if (g.startsWith("T-AML")) {
            return new int[]{0xd9480f, 0x7c3aed, 0xc2255c, 0x5c940d}[transfers % 4];
        }
        switch (g) {
            case "RS":
                return 0x6b7280;
            case "AML":
                return 0x1c64b4;
            case "M-AML":
                return 0x0f766e;
            case "EVO":
                return 0xb08900;
            default:
                return new int[]{0x0b7285, 0x862e9c, 0x364fc7}[index % 3];
        }
    }

    /** Validation accuracy-topN (%) per strategy on a task, with RS's level and the match markers. */
    public static Plot validation(Comparison.Table t, Comparison.Row row) {
        return plot(t, row, true);
    }

    /** Test accuracy-topN (%) per strategy on a task. */
    public static Plot test(Comparison.Table t, Comparison.Row row) {
        return plot(t, row, false);
    }

    private static Plot plot(Comparison.Table t, Comparison.Row row, boolean validation) {
        int n = t.settings().topN();
        String what = (validation ? "validation" : "test") + " accuracy-top" + n;
        String title = row.task() + ": " + what + " (median over seeds, band ± 2 s.e.m.)";
        String x = "trials of " + row.task();
        String y = what + " (%)";
        List<Plot.Line> lines = new ArrayList<>();
        List<Plot.Marker> markers = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            Comparison.Cell c = row.cells().get(i);
            if (c == null) {
                continue;
            }
            LearningCurves.Band b = validation ? c.validation() : c.testCurve();
            int len = b.length();
            double[] xs = new double[len];
            double[] ys = new double[len];
            double[] lo = new double[len];
            double[] hi = new double[len];
            for (int k = 0; k < len; k++) {
                xs[k] = k + 1;
                ys[k] = 100 * b.median()[k];
                lo[k] = 100 * b.lower()[k];
                hi[k] = 100 * b.upper()[k];
            }
            int rgb = color(t.columns(), i);
            String name = t.columns().get(i) + (c.seeds().size() > 1 ? " (" + c.seeds().size() + " seeds)" : "");
            if (validation && !Double.isNaN(row.rsLevel()) && !c.reached()) {
                name += ": RS@T not reached";
            }
            boolean band = c.seeds().size() > 1;
            lines.add(new Plot.Line(name, rgb, xs, ys, band ? lo : null, band ? hi : null));
            if (validation && !Double.isNaN(row.rsLevel())) {
                if (c.reached()) {
                    markers.add(new Plot.Marker(c.medianTrials(), 100 * row.rsLevel(), t.columns().get(i) + " "
                            + ComparisonTables.trialsText(c), rgb));
                }
            }
        }
        if (lines.isEmpty()) {
            return Plot.empty(title, x, y, "no selected run has task " + row.task());
        }
        boolean any = lines.stream().anyMatch(l -> java.util.Arrays.stream(l.y()).anyMatch(v -> !Double.isNaN(v)));
        if (!any) {
            return Plot.empty(title, x, y, "fewer than " + n + " distinct configurations per run: accuracy-top" + n
                    + " starts at the " + n + "th");
        }
        List<Plot.Level> levels = new ArrayList<>();
        if (validation && !Double.isNaN(row.rsLevel())) {
            levels.add(new Plot.Level(100 * row.rsLevel(), String.format(Locale.ROOT, "RS at T=%d: %.2f%%",
                    row.rsBudget(), 100 * row.rsLevel()), 0x374151));
        }
        if (!validation) {
            int k = 0;
            for (io.wayfinder.run.BaselineRecord b : t.references().of(row.task())) {
                levels.add(new Plot.Level(100 * b.test(), String.format(Locale.ROOT, "%s test (reference, %s): %.2f%%",
                        ComparisonTables.referenceLabel(b.method()), b.setting(), 100 * b.test()),
                        REFERENCE_COLORS[k++ % REFERENCE_COLORS.length]));
            }
        }
        return new Plot(title, x, y, true, lines, levels, markers, null);
    }
}
