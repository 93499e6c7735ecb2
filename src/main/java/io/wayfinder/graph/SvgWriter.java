package io.wayfinder.graph;

import java.util.Locale;

/** Writes a {@link Drawing} as a standalone SVG document (boxes, arrows with heads, labels, a legend-free title). */
public final class SvgWriter {
    private SvgWriter() {
    }

    /** The SVG text. Coordinates are rounded to 0.1 px so the same drawing gives the same bytes. */
    public static String write(Drawing d) {
        double titleHeight = d.graph().title() == null || d.graph().title().isEmpty() ? 0 : 24;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(f(d.width())).append("\" height=\"")
                .append(f(d.height() + titleHeight)).append("\" viewBox=\"0 0 ").append(f(d.width())).append(' ')
                .append(f(d.height() + titleHeight)).append("\" font-family=\"").append(Palette.FONT)
                .append("\" font-size=\"").append(f(Palette.FONT_SIZE)).append("\">\n");
        s.append("  <defs>\n");
        for (ArchGraph.EdgeKind k : ArchGraph.EdgeKind.values()) {
            s.append("    <marker id=\"head-").append(k.name().toLowerCase(Locale.ROOT))
                    .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                            + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                    .append(Palette.stroke(k)).append("\"/></marker>\n");
        }
        s.append("  </defs>\n");
        s.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        if (titleHeight > 0) {
            s.append("  <text x=\"12\" y=\"17\" font-weight=\"bold\" font-size=\"13\">").append(esc(d.graph().title()))
                    .append("</text>\n");
        }
        s.append("  <g transform=\"translate(0,").append(f(titleHeight)).append(")\">\n");
        for (Drawing.Arrow a : d.arrows()) {
            ArchGraph.EdgeKind k = a.edge().kind();
            s.append("    <polyline class=\"edge ").append(k.name().toLowerCase(Locale.ROOT)).append("\" points=\"");
            double[] p = a.points();
            for (int i = 0; i + 1 < p.length; i += 2) {
                s.append(i == 0 ? "" : " ").append(f(p[i])).append(',').append(f(p[i + 1]));
            }
            s.append("\" fill=\"none\" stroke=\"").append(Palette.stroke(k)).append("\" stroke-width=\"")
                    .append(f(Palette.width(k))).append('"');
            double[] dash = Palette.dash(k);
            if (dash != null) {
                s.append(" stroke-dasharray=\"").append(f(dash[0])).append(',').append(f(dash[1])).append('"');
            }
            s.append(" marker-end=\"url(#head-").append(k.name().toLowerCase(Locale.ROOT)).append(")\"/>\n");
        }
        for (Drawing.Arrow a : d.arrows()) {
            if (a.edge().label() == null || Double.isNaN(a.labelX())) {
                continue;
            }
            s.append("    <rect x=\"").append(f(a.labelX())).append("\" y=\"").append(f(a.labelY()))
                    .append("\" width=\"").append(f(a.labelWidth())).append("\" height=\"").append(f(a.labelHeight()))
                    .append("\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"none\"/>\n");
            s.append("    <text x=\"").append(f(a.labelX() + 3)).append("\" y=\"")
                    .append(f(a.labelY() + Palette.LINE - 4)).append("\" fill=\"").append(Palette.stroke(a.edge().kind()))
                    .append("\">").append(esc(a.edge().label())).append("</text>\n");
        }
        for (Drawing.Box b : d.boxes()) {
            ArchGraph.Role r = b.node().role();
            s.append("    <g class=\"node ").append(r.name().toLowerCase(Locale.ROOT)).append("\" id=\"")
                    .append(esc(b.node().id())).append("\">\n");
            s.append("      <rect x=\"").append(f(b.x())).append("\" y=\"").append(f(b.y())).append("\" width=\"")
                    .append(f(b.width())).append("\" height=\"").append(f(b.height())).append("\" rx=\"6\" fill=\"")
                    .append(Palette.fill(r)).append("\" stroke=\"").append(Palette.border(r)).append("\"/>\n");
            double y = b.y() + 6 + Palette.LINE - 4;
            s.append("      <text x=\"").append(f(b.x() + 10)).append("\" y=\"").append(f(y))
                    .append("\" font-weight=\"bold\">").append(esc(b.node().title())).append("</text>\n");
            for (String line : b.node().lines()) {
                y += Palette.LINE;
                s.append("      <text x=\"").append(f(b.x() + 10)).append("\" y=\"").append(f(y)).append("\">")
                        .append(esc(line)).append("</text>\n");
            }
            s.append("    </g>\n");
        }
        s.append("  </g>\n</svg>\n");
        return s.toString();
    }

    static String f(double v) {
        double r = Math.round(v * 10) / 10.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.1f", r);
    }

    private static String esc(String t) {
        return t == null ? "" : t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
