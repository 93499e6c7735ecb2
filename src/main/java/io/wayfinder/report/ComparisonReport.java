package io.wayfinder.report;

import io.wayfinder.metrics.Comparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A whole comparison as files in one folder, without a display: {@code report.md} and {@code report.html} (tables and
 * figures), the tables as {@code table2.csv}, {@code table3.csv} and Markdown, and per task the validation and test
 * figures as SVG (written directly) and PNG (Java2D, headless AWT); with stored references (linear baselines) also
 * {@code references.csv}, their rows in the tables and their lines on the test figures.
 */
public final class ComparisonReport {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 480;

    private ComparisonReport() {
    }

    /** The files written, in order. */
    public record Written(List<Path> files) {
    }

    /**
     * @param runsLine one line saying which runs were compared (store, ids)
     */
    public static Written write(Comparison.Table t, Path dir, String runsLine) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(write(dir.resolve("table2.csv"), ComparisonTables.csv2(t)));
        files.add(write(dir.resolve("table3.csv"), ComparisonTables.csv3(t)));
        files.add(write(dir.resolve("tables.md"), ComparisonTables.render(t, "markdown")));
        if (!t.references().baselines().isEmpty()) {
            files.add(write(dir.resolve("references.csv"), ComparisonTables.csvReferences(t)));
        }
        StringBuilder md = new StringBuilder("# Comparison\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Comparison"
                + "</title>\n<style>body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:24px;color:#1f2937}"
                + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #d7dce2;padding:4px 10px}"
                + "th{background:#eef1f4}td.num{text-align:right}img{max-width:100%}</style></head><body>\n"
                + "<h1>Comparison</h1>\n");
        String settings = String.format(Locale.ROOT, "accuracy-top%d over %s; T %s; test accuracy read after %s.",
                t.settings().topN(), t.settings().distinct() ? "distinct configurations" : "all trials",
                t.settings().rsBudget() == null ? "= the shortest RS run's trials" : "= " + t.settings().rsBudget(),
                t.settings().testBudget() == null ? "T trials" : t.settings().testBudget() + " trials");
        md.append(runsLine).append("\n\n").append(settings).append("\n\n");
        html.append("<p>").append(SvgCanvas.escape(runsLine)).append("</p>\n<p>").append(SvgCanvas.escape(settings))
                .append("</p>\n");
        md.append(ComparisonTables.render(t, "markdown")).append('\n');
        html.append(ComparisonTables.render(t, "html"));
        for (Comparison.Row row : t.rows()) {
            md.append("## ").append(row.task()).append("\n\n");
            html.append("<h2>").append(SvgCanvas.escape(row.task())).append("</h2>\n");
            for (boolean validation : new boolean[]{true, false}) {
                Plot p = validation ? ComparisonPlots.validation(t, row) : ComparisonPlots.test(t, row);
                String base = slug(row.task()) + (validation ? "-validation" : "-test");
                Path svg = dir.resolve(base + ".svg");
                Path png = dir.resolve(base + ".png");
                files.add(write(svg, SvgCanvas.of(p, WIDTH, HEIGHT)));
                PngCanvas.write(p, WIDTH, HEIGHT, 2, png);
                files.add(png);
                md.append("![").append(p.title()).append("](").append(png.getFileName()).append(")\n\n");
                html.append("<p><img src=\"").append(svg.getFileName()).append("\" alt=\"")
                        .append(SvgCanvas.escape(p.title())).append("\"></p>\n");
            }
        }
        html.append("</body></html>\n");
        files.add(write(dir.resolve("report.md"), md.toString()));
        files.add(write(dir.resolve("report.html"), html.toString()));
        return new Written(files);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    /** A file-name-safe form of a task name. */
    public static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "task" : out;
    }
}
