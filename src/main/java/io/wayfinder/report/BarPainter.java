package io.wayfinder.report;

import java.util.List;

/** Paints {@link BarChart}s, alone or as a grid of small charts (one per decision), on any {@link PlotCanvas}. */
public final class BarPainter {
    private static final double TICK_FONT = 10;

    private BarPainter() {
    }

    /** A grid of charts, {@code columns} per row, each {@code w} x {@code h}, as one SVG document. */
    public static String svgGrid(List<BarChart> charts, int columns, double w, double h) {
        int rows = (charts.size() + columns - 1) / columns;
        SvgCanvas c = new SvgCanvas(columns * w, Math.max(1, rows) * h);
        grid(charts, columns, w, h, c);
        return c.document();
    }

    /** Paints a grid of charts. */
    public static void grid(List<BarChart> charts, int columns, double w, double h, PlotCanvas g) {
        int rows = (charts.size() + columns - 1) / columns;
        g.fillRect(0, 0, columns * w, Math.max(1, rows) * h, 0xffffff);
        for (int i = 0; i < charts.size(); i++) {
            paint(charts.get(i), g, (i % columns) * w, (i / columns) * h, w, h);
        }
    }

    /** Paints one chart into the w x h area at (ox, oy). */
    public static void paint(BarChart c, PlotCanvas g, double ox, double oy, double w, double h) {
        g.fillRect(ox, oy, w, h, 0xffffff);
        g.strokeRect(ox + 2, oy + 2, w - 4, h - 4, PlotPainter.GRID);
        g.text(c.title(), ox + w / 2, oy + 18, 12.5, PlotCanvas.Anchor.MIDDLE, true, false, PlotPainter.TEXT);
        double legend = c.series().size() > 1 ? 16 : 0;
        double left = ox + 44;
        double right = ox + w - 10;
        double top = oy + 28 + legend;
        double bottom = oy + h - 34;
        double pw = right - left;
        double ph = bottom - top;
        if (legend > 0) {
            double x = left;
            for (int s = 0; s < c.series().size(); s++) {
                g.fillRect(x, oy + 30, 10, 8, c.colors()[s]);
                g.text(c.series().get(s), x + 14, oy + 38, TICK_FONT, PlotCanvas.Anchor.START, false, false,
                        PlotPainter.TEXT);
                x += 14 + g.textWidth(c.series().get(s), TICK_FONT, false) + 14;
            }
        }
        double[] ticks = PlotPainter.Ticks.of(0, c.yMax(), 4, false);
        String[] labels = PlotPainter.Ticks.labels(ticks);
        for (int i = 0; i < ticks.length; i++) {
            double y = bottom - ticks[i] / c.yMax() * ph;
            g.line(left, y, right, y, PlotPainter.GRID, 1, false);
            g.text(labels[i], left - 5, y + 3.5, TICK_FONT, PlotCanvas.Anchor.END, false, false, PlotPainter.MUTED);
        }
        g.text(c.yLabel(), ox + 12, top + ph / 2, TICK_FONT, PlotCanvas.Anchor.MIDDLE, false, true, PlotPainter.TEXT);
        int n = c.categories().size();
        double slot = pw / Math.max(1, n);
        int k = c.series().size();
        double bar = Math.min(18, slot * 0.8 / k);
        for (int j = 0; j < n; j++) {
            double cx = left + (j + 0.5) * slot;
            for (int s = 0; s < k; s++) {
                double v = j < c.values()[s].length ? c.values()[s][j] : Double.NaN;
                if (Double.isNaN(v)) {
                    continue;
                }
                double bh = Math.max(0, Math.min(1, v / c.yMax())) * ph;
                g.fillRect(cx - k * bar / 2 + s * bar, bottom - bh, bar - 1, bh, c.colors()[s]);
            }
            // long labels alternate between two rows, as on screen
            g.text(c.categories().get(j), cx, bottom + 13 + (n > 4 ? (j % 2) * 12 : 0), TICK_FONT,
                    PlotCanvas.Anchor.MIDDLE, false, false, PlotPainter.MUTED);
        }
        g.line(left, bottom, right, bottom, PlotPainter.FRAME, 1, false);
    }
}
