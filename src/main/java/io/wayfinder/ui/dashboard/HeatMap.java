package io.wayfinder.ui.dashboard;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/** A labelled heat map of a square matrix in [-1, 1], drawn on a canvas that follows its pane's size. */
final class HeatMap extends Pane implements io.wayfinder.ui.common.ChartExport.SvgSource {
    private final Canvas canvas = new Canvas();
    private double[][] matrix;
    private List<String> labels = List.of();
    private String emptyReason = "";
    private double scale = 1;

    HeatMap() {
        getChildren().add(canvas);
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
    }

    void show(double[][] m, List<String> names) {
        matrix = m;
        labels = names;
        draw();
    }

    double[][] matrix() {
        return matrix;
    }

    /** What the map says while there is nothing to draw (e.g. a one-task run). */
    void emptyReason(String why) {
        emptyReason = why;
        draw();
    }

    /** The colour scale's half range: the largest |similarity| between two different tasks (at least 0.05). */
    double scale() {
        return scale;
    }

    static double scaleOf(double[][] m) {
        double max = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j && !Double.isNaN(m[i][j])) {
                    max = Math.max(max, Math.abs(m[i][j]));
                }
            }
        }
        return Math.max(0.05, Math.min(1, max));
    }

    Color color(double v) {
        return color(v, scale);
    }

    /** Diverging blue-white-red over [-scale, scale]: the colours spread over the values the run has. */
    static Color color(double v, double scale) {
        double t = Math.max(-1, Math.min(1, v / scale));
        return t >= 0 ? Color.WHITE.interpolate(Color.web("#b2182b"), t) : Color.WHITE.interpolate(Color.web("#2166ac"), -t);
    }

    private void draw() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (matrix == null || matrix.length < 2) {
            g.setFill(Color.web("#6b7280"));
            g.setFont(javafx.scene.text.Font.font(14));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(wrap(emptyReason, 80), getWidth() / 2, getHeight() / 2);
            return;
        }
        int n = matrix.length;
        scale = scaleOf(matrix);
        double margin = 110;
        double size = Math.max(10, Math.min(getWidth() - margin - 80, getHeight() - margin - 20));
        double cell = size / n;
        g.setFont(javafx.scene.text.Font.font(12));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g.setFill(color(matrix[i][j]));
                g.fillRect(margin + j * cell, 20 + i * cell, cell, cell);
                if (cell > 34) {
                    g.setFill(Math.abs(matrix[i][j] / scale) > 0.6 ? Color.WHITE : Color.BLACK);
                    g.setTextAlign(TextAlignment.CENTER);
                    g.setTextBaseline(VPos.CENTER);
                    g.fillText(String.format(Locale.ROOT, "%.2f", matrix[i][j]), margin + (j + 0.5) * cell, 20 + (i + 0.5) * cell);
                }
            }
            g.setFill(Color.web("#333"));
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            String name = i < labels.size() ? labels.get(i) : "task " + i;
            g.fillText(name, margin - 6, 20 + (i + 0.5) * cell);
            g.save();
            g.translate(margin + (i + 0.5) * cell, 26 + size);
            g.rotate(45);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(name, 0, 0);
            g.restore();
        }
        // colour scale
        double x = margin + size + 20;
        for (int k = 0; k < 100; k++) {
            g.setFill(color(scale * (1 - 2 * k / 99.0)));
            g.fillRect(x, 20 + k * size / 100, 14, size / 100 + 1);
        }
        g.setFill(Color.web("#333"));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "%.2f", scale), x + 18, 24);
        g.fillText("0", x + 18, 20 + size / 2);
        g.fillText(String.format(Locale.ROOT, "%.2f", -scale), x + 18, 16 + size);
    }

    private static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    /** The same map as SVG (drawn from the matrix, names written vertically under the columns). */
    @Override
    public String svg(double w, double h) {
        io.wayfinder.report.SvgCanvas g = new io.wayfinder.report.SvgCanvas(w, h);
        g.fillRect(0, 0, w, h, 0xffffff);
        if (matrix == null || matrix.length < 2) {
            g.text(emptyReason, w / 2, h / 2, 13, io.wayfinder.report.PlotCanvas.Anchor.MIDDLE, false, false, 0x6b7280);
            return g.document();
        }
        int n = matrix.length;
        double s = scaleOf(matrix);
        double margin = 110;
        double size = Math.max(10, Math.min(w - margin - 80, h - margin - 20));
        double cell = size / n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g.fillRect(margin + j * cell, 20 + i * cell, cell, cell, rgb(color(matrix[i][j], s)));
                if (cell > 34) {
                    g.text(String.format(Locale.ROOT, "%.2f", matrix[i][j]), margin + (j + 0.5) * cell,
                            20 + (i + 0.5) * cell + 4, 12, io.wayfinder.report.PlotCanvas.Anchor.MIDDLE, false, false,
                            Math.abs(matrix[i][j] / s) > 0.6 ? 0xffffff : 0x000000);
                }
            }
            String name = i < labels.size() ? labels.get(i) : "task " + i;
            g.text(name, margin - 6, 20 + (i + 0.5) * cell + 4, 12, io.wayfinder.report.PlotCanvas.Anchor.END, false,
                    false, 0x333333);
            g.text(name, margin + (i + 0.5) * cell + 4, 26 + size, 12, io.wayfinder.report.PlotCanvas.Anchor.END,
                    false, true, 0x333333);
        }
        double x = margin + size + 20;
        for (int k = 0; k < 100; k++) {
            g.fillRect(x, 20 + k * size / 100, 14, size / 100 + 1, rgb(color(s * (1 - 2 * k / 99.0), s)));
        }
        io.wayfinder.report.PlotCanvas.Anchor a = io.wayfinder.report.PlotCanvas.Anchor.START;
        g.text(String.format(Locale.ROOT, "%.2f", s), x + 18, 28, 12, a, false, false, 0x333333);
        g.text("0", x + 18, 24 + size / 2, 12, a, false, false, 0x333333);
        g.text(String.format(Locale.ROOT, "%.2f", -s), x + 18, 20 + size, 12, a, false, false, 0x333333);
        return g.document();
    }

    private static String wrap(String s, int width) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String w : s.split(" ")) {
            if (col > 0 && col + w.length() > width) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(w);
            col += w.length();
        }
        return out.toString();
    }
}
