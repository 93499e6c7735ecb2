package io.wayfinder.report;

import java.util.List;

/**
 * A line chart as data: named lines with optional bands, horizontal reference levels and point markers. Either
 * renderer ({@link PlotPainter} on SVG, Java2D or JavaFX) draws it the same way.
 *
 * @param title   the chart's title
 * @param xLabel  the x axis title
 * @param yLabel  the y axis title
 * @param integerX x is a count (trials): integer ticks only
 * @param lines   the lines
 * @param levels  horizontal reference lines
 * @param markers points to mark
 * @param empty   why there is nothing to draw (shown instead of an empty frame), or null
 */
public record Plot(String title, String xLabel, String yLabel, boolean integerX, List<Line> lines, List<Level> levels,
                   List<Marker> markers, String empty) {

    /**
     * @param lower  band's lower edge (null: no band)
     * @param upper  band's upper edge (null: no band)
     * @param points draw each point as a dot instead of joining them (a scatter)
     */
    public record Line(String name, int rgb, double[] x, double[] y, double[] lower, double[] upper, boolean points) {
        public Line(String name, int rgb, double[] x, double[] y, double[] lower, double[] upper) {
            this(name, rgb, x, y, lower, upper, false);
        }

        /** Points drawn as dots. */
        public static Line scatter(String name, int rgb, double[] x, double[] y) {
            return new Line(name, rgb, x, y, null, null, true);
        }
    }

    public record Level(double y, String label, int rgb) {
    }

    public record Marker(double x, double y, String label, int rgb) {
    }

    /** A plot that only says why it is empty. */
    public static Plot empty(String title, String xLabel, String yLabel, String why) {
        return new Plot(title, xLabel, yLabel, true, List.of(), List.of(), List.of(), why);
    }
}
