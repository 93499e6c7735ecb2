package io.wayfinder.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Renders a {@link Drawing} to a PNG with Java 2D, headless (no display, no JavaFX). */
public final class PngWriter {
    private PngWriter() {
    }

    /** Writes the drawing at {@code scale} (2 for a sharp figure) to {@code file}. */
    public static void write(Drawing d, double scale, Path file) throws IOException {
        ImageIO.write(render(d, scale), "png", file.toFile());
    }

    /** The drawing as an image. */
    public static BufferedImage render(Drawing d, double scale) {
        double titleHeight = d.graph().title() == null || d.graph().title().isEmpty() ? 0 : 24;
        int w = (int) Math.ceil(d.width() * scale);
        int h = (int) Math.ceil((d.height() + titleHeight) * scale);
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.scale(scale, scale);
            Font plain = new Font("DejaVu Sans", Font.PLAIN, (int) Palette.FONT_SIZE);
            Font bold = plain.deriveFont(Font.BOLD);
            if (titleHeight > 0) {
                g.setColor(Color.BLACK);
                g.setFont(bold.deriveFont(13f));
                g.drawString(d.graph().title(), 12, 17);
            }
            g.translate(0, titleHeight);
            for (Drawing.Arrow a : d.arrows()) {
                ArchGraph.EdgeKind k = a.edge().kind();
                Color c = Color.decode(Palette.stroke(k));
                double[] dash = Palette.dash(k);
                g.setColor(c);
                g.setStroke(new BasicStroke((float) Palette.width(k), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, dash == null ? null : new float[]{(float) dash[0], (float) dash[1]}, 0f));
                double[] p = a.points();
                Path2D path = new Path2D.Double();
                path.moveTo(p[0], p[1]);
                for (int i = 2; i + 1 < p.length; i += 2) {
                    path.lineTo(p[i], p[i + 1]);
                }
                g.draw(path);
                arrowHead(g, p);
            }
            g.setStroke(new BasicStroke(1f));
            g.setFont(plain);
            for (Drawing.Arrow a : d.arrows()) {
                if (a.edge().label() == null || Double.isNaN(a.labelX())) {
                    continue;
                }
                g.setColor(new Color(255, 255, 255, 220));
                g.fill(new java.awt.geom.Rectangle2D.Double(a.labelX(), a.labelY(), a.labelWidth(), a.labelHeight()));
                g.setColor(Color.decode(Palette.stroke(a.edge().kind())));
                g.drawString(a.edge().label(), (float) (a.labelX() + 3), (float) (a.labelY() + Palette.LINE - 4));
            }
            for (Drawing.Box b : d.boxes()) {
                ArchGraph.Role r = b.node().role();
                RoundRectangle2D rect = new RoundRectangle2D.Double(b.x(), b.y(), b.width(), b.height(), 12, 12);
                g.setColor(Color.decode(Palette.fill(r)));
                g.fill(rect);
                g.setColor(Color.decode(Palette.border(r)));
                g.draw(rect);
                g.setColor(Color.BLACK);
                double y = b.y() + 6 + Palette.LINE - 4;
                g.setFont(bold);
                g.drawString(b.node().title(), (float) (b.x() + 10), (float) y);
                g.setFont(plain);
                for (String line : b.node().lines()) {
                    y += Palette.LINE;
                    g.drawString(line, (float) (b.x() + 10), (float) y);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void arrowHead(Graphics2D g, double[] p) {
        int n = p.length;
        if (n < 4) {
            return;
        }
        double x1 = p[n - 4];
        double y1 = p[n - 3];
        double x2 = p[n - 2];
        double y2 = p[n - 1];
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double len = 8;
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - len * Math.cos(angle - 0.4), y2 - len * Math.sin(angle - 0.4));
        head.lineTo(x2 - len * Math.cos(angle + 0.4), y2 - len * Math.sin(angle + 0.4));
        head.closePath();
        g.fill(head);
    }
}
