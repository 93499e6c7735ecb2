package io.wayfinder.report;

/** The few drawing operations a {@link PlotPainter} needs; SVG, Java2D and JavaFX implement them. */
public interface PlotCanvas {
    /** Where a text's x coordinate is. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed);

    /** An open polyline through the first {@code n} points. */
    void polyline(double[] xs, double[] ys, int n, int rgb, double width);

    /** A filled polygon through the first {@code n} points with the given opacity. */
    void polygon(double[] xs, double[] ys, int n, int rgb, double opacity);

    void fillRect(double x, double y, double w, double h, int rgb);

    void strokeRect(double x, double y, double w, double h, int rgb);

    void circle(double cx, double cy, double r, int fill, int stroke);

    /** Text on its baseline at (x, y); vertical text reads bottom-up, rotated about (x, y). */
    void text(String s, double x, double y, double size, Anchor anchor, boolean bold, boolean vertical, int rgb);

    /** The width the text takes at this size. */
    double textWidth(String s, double size, boolean bold);

    /** Restricts drawing to a rectangle until {@link #unclip()} (canvases that cannot clip may ignore it). */
    default void clip(double x, double y, double w, double h) {
    }

    /** Ends the restriction of {@link #clip}. */
    default void unclip() {
    }
}
