package io.wayfinder.ui.dashboard;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Every task's embedding projected on the first two principal components, with its trail across updates up to the
 * selected one: one sees the tasks drift apart or together while the search runs.
 */
final class EmbeddingMap extends Pane implements io.wayfinder.ui.common.ChartExport.SvgSource {
    private static final Color[] COLORS = {Color.web("#1c64b4"), Color.web("#d9480f"), Color.web("#0f766e"),
        Color.web("#7c3aed"), Color.web("#b08900"), Color.web("#c2255c"), Color.web("#364fc7"), Color.web("#5c940d")};
    private final Canvas canvas = new Canvas();
    private EmbeddingHistory history;
    private int index = -1;
    private List<String> names = List.of();
    private String emptyReason = "";

    EmbeddingMap() {
        getChildren().add(canvas);
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
    }

    void show(EmbeddingHistory h, int upTo, List<String> taskNames) {
        history = h;
        index = upTo;
        names = taskNames;
        draw();
    }

    void emptyReason(String why) {
        emptyReason = why;
        draw();
    }

    int shownIndex() {
        return index;
    }

    /** The map as a report plot: each task's trail as a line, its position at the shown update as a dot. */
    io.wayfinder.report.Plot plot() {
        if (history == null || history.size() == 0 || index < 0 || names.size() < 2) {
            return io.wayfinder.report.Plot.empty("Task embeddings", "PC1", "PC2", emptyReason);
        }
        double[][][] c = history.projection().coordinates();
        double[] ex = history.projection().explained();
        int last = Math.min(index, c.length - 1);
        List<io.wayfinder.report.Plot.Line> lines = new java.util.ArrayList<>();
        for (int t = 0; t < c[last].length; t++) {
            double[] xs = new double[last + 1];
            double[] ys = new double[last + 1];
            for (int i = 0; i <= last; i++) {
                xs[i] = t < c[i].length ? c[i][t][0] : Double.NaN;
                ys[i] = t < c[i].length ? c[i][t][1] : Double.NaN;
            }
            Color col = COLORS[t % COLORS.length];
            int rgb = ((int) Math.round(col.getRed() * 255) << 16) | ((int) Math.round(col.getGreen() * 255) << 8)
                    | (int) Math.round(col.getBlue() * 255);
            String name = t < names.size() ? names.get(t) : "task " + t;
            lines.add(new io.wayfinder.report.Plot.Line(name + " (trail)", rgb, xs, ys, null, null));
            lines.add(io.wayfinder.report.Plot.Line.scatter(name, rgb, new double[] {xs[last]},
                    new double[] {ys[last]}));
        }
        return new io.wayfinder.report.Plot("Task embeddings after " + history.snapshots().get(index).observations()
                + " observations",
                String.format(Locale.ROOT, "PC1 (%.0f%% of the variance)", 100 * ex[0]),
                String.format(Locale.ROOT, "PC2 (%.0f%% of the variance)", 100 * ex[1]), false, lines, List.of(),
                List.of(), null);
    }

    /** The screen's window: every update's points with 8% room around them. */
    io.wayfinder.report.Viewport window() {
        if (history == null || history.size() == 0) {
            return null;
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[][] snap : history.projection().coordinates()) {
            for (double[] p : snap) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double padX = Math.max(1e-6, (maxX - minX) * 0.08);
        double padY = Math.max(1e-6, (maxY - minY) * 0.08);
        try {
            return new io.wayfinder.report.Viewport(minX - padX, maxX + padX, minY - padY, maxY + padY);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String svg(double w, double h) {
        return io.wayfinder.report.SvgCanvas.of(plot(), w, h, window());
    }

    private void draw() {
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(Font.font(12));
        if (history == null || history.size() == 0 || index < 0 || names.size() < 2) {
            g.setFill(Color.web("#6b7280"));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyReason, w / 2, h / 2);
            return;
        }
        double[][][] c = history.projection().coordinates();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[][] snap : c) {
            for (double[] p : snap) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double padX = Math.max(1e-9, (maxX - minX) * 0.08);
        double padY = Math.max(1e-9, (maxY - minY) * 0.08);
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        double pad = 70;
        double left = 56;
        double top = 30;
        double pw = Math.max(10, w - left - pad);
        double ph = Math.max(10, h - top - 50);
        double sx = maxX - minX < 1e-12 ? 1 : maxX - minX;
        double sy = maxY - minY < 1e-12 ? 1 : maxY - minY;
        double x0 = minX;
        double y0 = minY;
        java.util.function.DoubleUnaryOperator px = x -> left + (x - x0) / sx * pw;
        java.util.function.DoubleUnaryOperator py = y -> top + ph - (y - y0) / sy * ph;
        g.setStroke(Color.web("#9ca3af"));
        g.setLineWidth(1);
        g.strokeRect(left, top, pw, ph);
        double[] ex = history.projection().explained();
        g.setFill(Color.web("#1f2937"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(String.format(Locale.ROOT, "PC1 (%.0f%% of the variance)", 100 * ex[0]), left + pw / 2, h - 8);
        g.save();
        g.translate(18, top + ph / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(String.format(Locale.ROOT, "PC2 (%.0f%% of the variance)", 100 * ex[1]), 0, 0);
        g.restore();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("after " + history.snapshots().get(index).observations() + " observations (dot), trail from "
                + "the first stored update", left, top - 8);
        int last = Math.min(index, c.length - 1);
        int tasks = c[last].length;
        for (int t = 0; t < tasks; t++) {
            Color col = COLORS[t % COLORS.length];
            g.setStroke(col.deriveColor(0, 1, 1, 0.55));
            g.setLineWidth(1.5);
            g.beginPath();
            for (int i = 0; i <= last; i++) {
                if (t >= c[i].length) {
                    continue;
                }
                double x = px.applyAsDouble(c[i][t][0]);
                double y = py.applyAsDouble(c[i][t][1]);
                if (i == 0) {
                    g.moveTo(x, y);
                } else {
                    g.lineTo(x, y);
                }
            }
            g.stroke();
            double x = px.applyAsDouble(c[last][t][0]);
            double y = py.applyAsDouble(c[last][t][1]);
            g.setFill(col);
            g.fillOval(x - 6, y - 6, 12, 12);
            g.setFill(Color.web("#1f2937"));
            g.setTextBaseline(VPos.CENTER);
            g.fillText(t < names.size() ? names.get(t) : "task " + t, x + 9, y);
        }
    }
}
