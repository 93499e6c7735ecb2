package io.wayfinder.report;

import java.util.Locale;

/** A {@link PlotCanvas} that writes SVG text directly (no library, no display). */
public final class SvgCanvas implements PlotCanvas {
    private final StringBuilder out = new StringBuilder();
    private final double width;
    private final double height;

    public SvgCanvas(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** A plot as a complete SVG document. */
    public static String of(Plot plot, double width, double height) {
        return of(plot, width, height, null);
    }

    /** A plot over a data window (null: fitted) as a complete SVG document. */
    public static String of(Plot plot, double width, double height, Viewport view) {
        SvgCanvas c = new SvgCanvas(width, height);
        PlotPainter.paint(plot, c, width, height, view);
        return c.document();
    }

    public String document() {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n",
                width, height, width, height) + out + "</svg>\n";
    }

    private static String c(int rgb) {
        return String.format("#%06x", rgb & 0xffffff);
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private int clips;

    @Override
    public void clip(double x, double y, double w, double h) {
        clips++;
        out.append("<defs><clipPath id=\"c").append(clips).append("\"><rect x=\"").append(n(x)).append("\" y=\"")
                .append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
                .append("\"/></clipPath></defs>\n<g clip-path=\"url(#c").append(clips).append(")\">\n");
    }

    @Override
    public void unclip() {
        out.append("</g>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(c(rgb)).append("\" stroke-width=\"")
                .append(n(width)).append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
    }

    private void points(double[] xs, double[] ys, int n) {
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double width) {
        out.append("<polyline fill=\"none\" stroke=\"").append(c(rgb)).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\" points=\"");
        points(xs, ys, n);
        out.append("\"/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, int rgb, double opacity) {
        out.append("<polygon stroke=\"none\" fill=\"").append(c(rgb)).append("\" fill-opacity=\"").append(n(opacity))
                .append("\" points=\"");
        points(xs, ys, n);
        out.append("\"/>\n");
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(c(rgb)).append("\"/>\n");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"none\" stroke=\"").append(c(rgb))
                .append("\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, int fill, int stroke) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(c(fill)).append("\" stroke=\"").append(c(stroke))
                .append("\" stroke-width=\"1.5\"/>\n");
    }

    @Override
    public void text(String s, double x, double y, double size, Anchor anchor, boolean bold, boolean vertical,
                     int rgb) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" fill=\"").append(c(rgb)).append("\" text-anchor=\"")
                .append(anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end").append('"')
                .append(bold ? " font-weight=\"bold\"" : "")
                .append(vertical ? " transform=\"rotate(-90 " + n(x) + " " + n(y) + ")\"" : "").append('>')
                .append(escape(s)).append("</text>\n");
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return estimate(s, size, bold);
    }

    /** DejaVu Sans' average advance is about 0.6 em; digits and capitals a little more. */
    static double estimate(String s, double size, boolean bold) {
        return s.length() * size * (bold ? 0.66 : 0.6);
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
