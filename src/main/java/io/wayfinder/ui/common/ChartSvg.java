package io.wayfinder.ui.common;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.Renderer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.wayfinder.report.BarChart;
import io.wayfinder.report.BarPainter;
import io.wayfinder.report.Plot;
import io.wayfinder.report.SvgCanvas;
import io.wayfinder.report.Viewport;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * SVG of the dashboard's ChartFX charts, drawn from their data (not a screenshot) by the report's painters: line and
 * scatter charts through {@link io.wayfinder.report.PlotPainter} over the window the chart's axes show (a zoom
 * included), bar charts and panes of them (the policy, TPE's densities) through {@link BarPainter}.
 */
public final class ChartSvg {
    /** Series colours (the report's, so a dashboard figure and a report figure look alike). */
    static final int[] COLORS = {0x1d4ed8, 0xdc2626, 0x059669, 0xd97706, 0x7c3aed, 0x0891b2, 0xdb2777, 0x4b5563};

    private ChartSvg() {
    }

    /** Whether the node is a chart, or a pane of bar charts, that can be drawn from its data. */
    public static boolean supports(Node node) {
        return node instanceof XYChart || node instanceof Pane p && !p.getChildren().isEmpty()
                && p.getChildren().stream().allMatch(n -> n instanceof XYChart c && bars(c));
    }

    /** The node as an SVG document of about its size on screen. */
    public static String svg(Node node, double width, double height) {
        if (node instanceof XYChart c) {
            return bars(c) ? BarPainter.svgGrid(List.of(barChart(c)), 1, width, height)
                    : SvgCanvas.of(plot(c), width, height, window(c));
        }
        if (node instanceof Pane p && supports(p)) {
            List<BarChart> charts = p.getChildren().stream().map(n -> barChart((XYChart) n)).toList();
            double tileW = p.getChildren().get(0).getLayoutBounds().getWidth();
            double tileH = p.getChildren().get(0).getLayoutBounds().getHeight();
            int columns = Math.max(1, Math.min(charts.size(), (int) Math.floor(width / Math.max(1, tileW))));
            return BarPainter.svgGrid(charts, columns, Math.max(200, tileW), Math.max(150, tileH));
        }
        throw new IllegalArgumentException("no SVG for a " + node.getClass().getSimpleName());
    }

    static boolean bars(XYChart c) {
        return c.getXAxis() instanceof CategoryAxis && c.getRenderers().stream()
                .anyMatch(r -> r instanceof ErrorDataSetRenderer e && e.isDrawBars());
    }

    /** A line or scatter chart as a report plot: one line per data set, dots where the chart draws markers only. */
    static Plot plot(XYChart c) {
        List<Plot.Line> lines = new ArrayList<>();
        int k = 0;
        for (Renderer r : c.getRenderers()) {
            boolean points = r instanceof ErrorDataSetRenderer e && e.getPolyLineStyle() == LineStyle.NONE
                    && e.isDrawMarker();
            for (DataSet ds : r.getDatasets()) {
                double[][] xy = values(ds);
                if (xy[0].length == 0) {
                    continue;
                }
                int rgb = COLORS[k++ % COLORS.length];
                lines.add(points ? Plot.Line.scatter(ds.getName(), rgb, xy[0], xy[1])
                        : new Plot.Line(ds.getName(), rgb, xy[0], xy[1], null, null));
            }
        }
        String title = c.getTitle() == null ? "" : c.getTitle();
        return new Plot(title, c.getXAxis().getName(), c.getYAxis().getName(), true, lines, List.of(), List.of(),
                lines.isEmpty() ? "nothing to show yet" : null);
    }

    /**
     * The data window the chart's axes show when they do not follow the data (zoomed, or fixed like a probability
     * axis); null when they auto-range or the window is degenerate: the painter then fits the data with nice ticks.
     */
    static Viewport window(XYChart c) {
        Axis x = c.getXAxis();
        Axis y = c.getYAxis();
        if (x.isAutoRanging() && y.isAutoRanging()) {
            return null;
        }
        try {
            return new Viewport(x.getMin(), x.getMax(), y.getMin(), y.getMax());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A bar chart (one category per choice) as the report's bar chart. */
    static BarChart barChart(XYChart c) {
        List<String> categories = new ArrayList<>(((CategoryAxis) c.getXAxis()).getCategories());
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Renderer r : c.getRenderers()) {
            for (DataSet ds : r.getDatasets()) {
                double[][] xy = values(ds);
                double[] row = new double[categories.size()];
                java.util.Arrays.fill(row, Double.NaN);
                for (int i = 0; i < xy[0].length; i++) {
                    int cat = (int) Math.round(xy[0][i]);
                    if (cat >= 0 && cat < row.length) {
                        row[cat] = xy[1][i];
                    }
                }
                names.add(ds.getName());
                rows.add(row);
            }
        }
        int[] colors = new int[names.size()];
        for (int i = 0; i < colors.length; i++) {
            colors[i] = COLORS[i % COLORS.length];
        }
        double yMax = c.getYAxis().getMax() > 0 ? c.getYAxis().getMax() : 1;
        return new BarChart(c.getTitle() == null ? "" : c.getTitle(), c.getYAxis().getName(), categories, names,
                colors, rows.toArray(new double[0][]), yMax);
    }

    private static double[][] values(DataSet ds) {
        return ds.lock().readLockGuard(() -> {
            int n = ds.getDataCount();
            return new double[][] {java.util.Arrays.copyOf(ds.getValues(DataSet.DIM_X), n),
                    java.util.Arrays.copyOf(ds.getValues(DataSet.DIM_Y), n)};
        });
    }
}
