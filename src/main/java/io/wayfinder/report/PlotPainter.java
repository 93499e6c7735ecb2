package io.wayfinder.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays out and paints a {@link Plot} on any {@link PlotCanvas}: "nice" ticks (integers for counts, never scientific
 * notation), margins measured from the tick labels so axis titles never overlap them, a legend row under the title,
 * bands under lines, dashed reference levels and labelled markers. An empty plot says why it is empty.
 */
public final class PlotPainter {
    public static final int TEXT = 0x1f2937;
    public static final int MUTED = 0x6b7280;
    public static final int GRID = 0xe6e9ee;
    public static final int FRAME = 0x9ca3af;
    private static final double TICK_FONT = 11;
    private static final double TITLE_FONT = 13;
    private static final double AXIS_FONT = 11.5;

    private PlotPainter() {
    }

    /** Paints the plot into a w x h area at the origin, fitted to its data. */
    public static PlotFrame paint(Plot plot, PlotCanvas g, double w, double h) {
        return paint(plot, g, w, h, null);
    }

    /** The data window {@link #paint} fits to a plot (what a zoom starts from and a reset returns to). */
    public static Viewport fitted(Plot plot) {
        double[] xr = xRange(plot);
        double[] yr = yRange(plot);
        double[] yTicks = Ticks.of(yr[0], yr[1], 6, false);
        if (yTicks.length > 1) {
            yr = new double[]{Math.min(yr[0], yTicks[0]), Math.max(yr[1], yTicks[yTicks.length - 1])};
        }
        return new Viewport(xr[0], xr[1], yr[0], yr[1]);
    }

    /**
     * Paints the plot over the data window {@code view} (null: fitted to the data); lines, bands and markers are
     * clipped to the data area. Returns where the data area lies, for mapping pointer positions back to data.
     */
    public static PlotFrame paint(Plot plot, PlotCanvas g, double w, double h, Viewport view) {
        g.fillRect(0, 0, w, h, 0xffffff);
        g.text(plot.title(), w / 2, 18, TITLE_FONT, PlotCanvas.Anchor.MIDDLE, true, false, TEXT);
        double legendBottom = legend(plot, g, w);

        Viewport v = view != null ? view : fitted(plot);
        double[] xr = {v.x0(), v.x1()};
        double[] yr = {v.y0(), v.y1()};
        double[] yTicks = inside(Ticks.of(yr[0], yr[1], 6, false), yr);
        double[] xTicks = inside(Ticks.of(xr[0], xr[1], 8, plot.integerX()), xr);
        String[] yLabels = Ticks.labels(yTicks);
        String[] xLabels = Ticks.labels(xTicks);
        double yLabelWidth = 0;
        for (String s : yLabels) {
            yLabelWidth = Math.max(yLabelWidth, g.textWidth(s, TICK_FONT, false));
        }
        double left = 8 + AXIS_FONT + 8 + yLabelWidth + 6;
        double right = 16;
        double top = legendBottom + 8;
        double bottom = 6 + TICK_FONT + 8 + AXIS_FONT + 6;
        double pw = Math.max(10, w - left - right);
        double ph = Math.max(10, h - top - bottom);
        Frame f = new Frame(left, top, pw, ph, xr, yr);
        PlotFrame frame = new PlotFrame(left, top, pw, ph, new Viewport(xr[0], xr[1], yr[0], yr[1]));

        // grid and ticks
        for (int i = 0; i < yTicks.length; i++) {
            double y = f.py(yTicks[i]);
            g.line(left, y, left + pw, y, GRID, 1, false);
            g.text(yLabels[i], left - 6, y + TICK_FONT * 0.35, TICK_FONT, PlotCanvas.Anchor.END, false, false, MUTED);
        }
        for (int i = 0; i < xTicks.length; i++) {
            double x = f.px(xTicks[i]);
            g.line(x, top + ph, x, top + ph + 4, FRAME, 1, false);
            g.text(xLabels[i], x, top + ph + 6 + TICK_FONT, TICK_FONT, PlotCanvas.Anchor.MIDDLE, false, false, MUTED);
        }
        g.strokeRect(left, top, pw, ph, FRAME);
        g.text(plot.xLabel(), left + pw / 2, h - 6, AXIS_FONT, PlotCanvas.Anchor.MIDDLE, false, false, TEXT);
        g.text(plot.yLabel(), 8 + AXIS_FONT, top + ph / 2, AXIS_FONT, PlotCanvas.Anchor.MIDDLE, false, true, TEXT);

        if (plot.empty() != null || plot.lines().isEmpty()) {
            String why = plot.empty() != null ? plot.empty() : "nothing to show";
            g.text(why, left + pw / 2, top + ph / 2, 13, PlotCanvas.Anchor.MIDDLE, false, false, MUTED);
            return frame;
        }
        // a fitted plot holds all its data inside the frame; a zoomed window clips what lies outside it (only then:
        // some SVG renderers ignore clip paths)
        boolean clip = view != null && !holds(v, plot);
        if (clip) {
            g.clip(left, top, pw, ph);
        }
        for (Plot.Line l : plot.lines()) {
            if (l.lower() != null && l.upper() != null) {
                band(l, f, g);
            }
        }
        for (Plot.Level lv : plot.levels()) {
            double y = f.py(lv.y());
            g.line(left, y, left + pw, y, lv.rgb(), 1.2, true);
            label(g, lv.label(), left + pw - 6, y - 5, PlotCanvas.Anchor.END, false, lv.rgb());
        }
        for (Plot.Line l : plot.lines()) {
            line(l, f, g);
        }
        int k = 0;
        List<Object[]> markerLabels = new ArrayList<>();
        for (Plot.Marker m : plot.markers()) {
            double x = f.px(m.x());
            double y = f.py(m.y());
            g.line(x, y, x, top + ph, m.rgb(), 1, true);
            g.circle(x, y, 5, m.rgb(), 0xffffff);
            double ty = y + 16 + 13 * k++;
            boolean rightHalf = x > left + pw * 0.75;
            markerLabels.add(new Object[]{m, rightHalf ? x - 8 : x + 8, Math.min(ty, top + ph - 6), rightHalf});
        }
        for (Object[] ml : markerLabels) {
            Plot.Marker m = (Plot.Marker) ml[0];
            label(g, m.label(), (double) ml[1], (double) ml[2],
                    (boolean) ml[3] ? PlotCanvas.Anchor.END : PlotCanvas.Anchor.START, true, m.rgb());
        }
        if (clip) {
            g.unclip();
        }
        return frame;
    }

    /** Whether every finite point, band edge, level and marker of the plot lies inside the window. */
    private static boolean holds(Viewport v, Plot p) {
        java.util.function.DoublePredicate inX = x -> !finite(x) || x >= v.x0() && x <= v.x1();
        java.util.function.DoublePredicate inY = y -> !finite(y) || y >= v.y0() && y <= v.y1();
        for (Plot.Line l : p.lines()) {
            for (int i = 0; i < l.x().length; i++) {
                if (!inX.test(l.x()[i]) || !inY.test(l.y()[i]) || l.lower() != null && !inY.test(l.lower()[i])
                        || l.upper() != null && !inY.test(l.upper()[i])) {
                    return false;
                }
            }
        }
        for (Plot.Level lv : p.levels()) {
            if (!inY.test(lv.y())) {
                return false;
            }
        }
        for (Plot.Marker m : p.markers()) {
            if (!inX.test(m.x()) || !inY.test(m.y())) {
                return false;
            }
        }
        return true;
    }

    /** The ticks within the range (a zoomed window keeps its edges; the fitted one already ends on ticks). */
    private static double[] inside(double[] ticks, double[] range) {
        double eps = (range[1] - range[0]) * 1e-9;
        return java.util.Arrays.stream(ticks).filter(t -> t >= range[0] - eps && t <= range[1] + eps).toArray();
    }

    /** Text on a white box so that it stays readable over lines and bands. */
    private static void label(PlotCanvas g, String s, double x, double y, PlotCanvas.Anchor a, boolean bold, int rgb) {
        double w = g.textWidth(s, TICK_FONT, bold);
        double x0 = a == PlotCanvas.Anchor.START ? x : a == PlotCanvas.Anchor.MIDDLE ? x - w / 2 : x - w;
        g.fillRect(x0 - 3, y - TICK_FONT, w + 6, TICK_FONT + 4, 0xffffff);
        g.text(s, x, y, TICK_FONT, a, bold, false, rgb);
    }

    /** The legend row(s) under the title; returns its bottom. */
    private static double legend(Plot plot, PlotCanvas g, double w) {
        List<String> names = new ArrayList<>();
        List<Integer> colors = new ArrayList<>();
        for (Plot.Line l : plot.lines()) {
            names.add(l.name());
            colors.add(l.rgb());
        }
        double y = 38;
        if (names.isEmpty()) {
            return 26;
        }
        double x = 12;
        for (int i = 0; i < names.size(); i++) {
            double tw = g.textWidth(names.get(i), TICK_FONT, false);
            if (x + 26 + tw > w - 12 && x > 12) {
                x = 12;
                y += 16;
            }
            g.line(x, y - 4, x + 18, y - 4, colors.get(i), 3, false);
            g.text(names.get(i), x + 22, y, TICK_FONT, PlotCanvas.Anchor.START, false, false, TEXT);
            x += 22 + tw + 18;
        }
        return y + 4;
    }

    private static void line(Plot.Line l, Frame f, PlotCanvas g) {
        int n = l.x().length;
        if (l.points()) {
            for (int i = 0; i < n; i++) {
                if (finite(l.y()[i]) && finite(l.x()[i])) {
                    g.circle(f.px(l.x()[i]), f.py(l.y()[i]), 2.2, l.rgb(), l.rgb());
                }
            }
            return;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int m = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && finite(l.y()[i]) && finite(l.x()[i])) {
                xs[m] = f.px(l.x()[i]);
                ys[m] = f.py(l.y()[i]);
                m++;
            } else if (m > 0) {
                if (m == 1) {
                    g.circle(xs[0], ys[0], 2, l.rgb(), l.rgb());
                } else {
                    g.polyline(xs, ys, m, l.rgb(), 2);
                }
                m = 0;
            }
        }
    }

    private static void band(Plot.Line l, Frame f, PlotCanvas g) {
        int n = l.x().length;
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean ok = i < n && finite(l.lower()[i]) && finite(l.upper()[i]);
            if (ok && start < 0) {
                start = i;
            } else if (!ok && start >= 0) {
                int m = 0;
                for (int j = start; j < i; j++) {
                    xs[m] = f.px(l.x()[j]);
                    ys[m++] = f.py(l.upper()[j]);
                }
                for (int j = i - 1; j >= start; j--) {
                    xs[m] = f.px(l.x()[j]);
                    ys[m++] = f.py(l.lower()[j]);
                }
                g.polygon(xs, ys, m, l.rgb(), 0.18);
                start = -1;
            }
        }
    }

    private static boolean finite(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }

    private static double[] xRange(Plot p) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Plot.Line l : p.lines()) {
            for (int i = 0; i < l.x().length; i++) {
                if (finite(l.y()[i])) {
                    lo = Math.min(lo, l.x()[i]);
                    hi = Math.max(hi, l.x()[i]);
                }
            }
        }
        for (Plot.Marker m : p.markers()) {
            lo = Math.min(lo, m.x());
            hi = Math.max(hi, m.x());
        }
        if (!finite(lo)) {
            return new double[]{0, 10};
        }
        lo = Math.min(lo, 0);
        return hi - lo < 1e-12 ? new double[]{lo, lo + 1} : new double[]{lo, hi};
    }

    private static double[] yRange(Plot p) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Plot.Line l : p.lines()) {
            for (double[] a : new double[][]{l.y(), l.lower(), l.upper()}) {
                if (a == null) {
                    continue;
                }
                for (double v : a) {
                    if (finite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        for (Plot.Level lv : p.levels()) {
            lo = Math.min(lo, lv.y());
            hi = Math.max(hi, lv.y());
        }
        if (!finite(lo)) {
            return new double[]{0, 1};
        }
        double pad = Math.max(1e-6, (hi - lo) * 0.05);
        return new double[]{lo - pad, hi + pad};
    }

    private record Frame(double left, double top, double w, double h, double[] xr, double[] yr) {
        double px(double x) {
            return left + (x - xr[0]) / (xr[1] - xr[0]) * w;
        }

        double py(double y) {
            return top + h - (y - yr[0]) / (yr[1] - yr[0]) * h;
        }
    }

    /** Tick positions and labels: steps of 1, 2 or 5 times a power of ten; plain decimals, never 1E3. */
    public static final class Ticks {
        private Ticks() {
        }

        public static double[] of(double lo, double hi, int target, boolean integer) {
            if (!(hi > lo)) {
                return new double[]{lo};
            }
            double raw = (hi - lo) / Math.max(1, target);
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = mag;
            for (double m : new double[]{1, 2, 5, 10}) {
                step = m * mag;
                if (step >= raw) {
                    break;
                }
            }
            if (integer) {
                step = Math.max(1, Math.round(step));
            }
            double first = Math.ceil(lo / step - 1e-9) * step;
            List<Double> out = new ArrayList<>();
            for (double v = first; v <= hi + step * 1e-9; v += step) {
                out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Labels with as many decimals as the step needs. */
        public static String[] labels(double[] ticks) {
            double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
            int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
            String[] out = new String[ticks.length];
            for (int i = 0; i < ticks.length; i++) {
                out[i] = String.format(Locale.ROOT, "%." + decimals + "f", ticks[i]);
            }
            return out;
        }
    }
}
