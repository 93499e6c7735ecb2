package io.wayfinder.report;

/**
 * The data window a plot is drawn over (a zoomed view); {@link PlotPainter} fits the data when none is given.
 *
 * @param x0 left edge (data units)
 * @param x1 right edge, greater than {@code x0}
 * @param y0 bottom edge
 * @param y1 top edge, greater than {@code y0}
 */
public record Viewport(double x0, double x1, double y0, double y1) {
    public Viewport {
        if (!(x1 > x0) || !(y1 > y0) || Double.isInfinite(x1 - x0) || Double.isInfinite(y1 - y0)) {
            throw new IllegalArgumentException("an empty or unbounded viewport: x " + x0 + ".." + x1 + ", y " + y0
                    + ".." + y1);
        }
    }
}
