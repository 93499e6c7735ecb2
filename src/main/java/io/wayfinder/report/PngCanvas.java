package io.wayfinder.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A {@link PlotCanvas} on Java2D: PNG images in headless AWT (no display, no JavaFX). */
public final class PngCanvas implements PlotCanvas {
    private final Graphics2D g;

    public PngCanvas(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /** Paints a plot at {@code scale} times its size (2 for sharp figures) and writes it as PNG. */
    public static void write(Plot plot, int width, int height, double scale, Path file) throws IOException {
        write(plot, width, height, scale, null, file);
    }

    /** Paints a plot over a data window (null: fitted) and writes it as PNG. */
    public static void write(Plot plot, int width, int height, double scale, Viewport view, Path file)
            throws IOException {
        BufferedImage img = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(scale, scale);
            PlotPainter.paint(plot, new PngCanvas(g), width, height, view);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.setClip(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }

    private static Color color(int rgb) {
        return new Color(rgb & 0xffffff);
    }

    private Font font(double size, boolean bold) {
        return new Font("DejaVu Sans", bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
        g.setColor(color(rgb));
        g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                new float[]{6, 4}, 0) : new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    private static Path2D.Double path(double[] xs, double[] ys, int n) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        return p;
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double width) {
        g.setColor(color(rgb));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path(xs, ys, n));
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, int rgb, double opacity) {
        Color c = color(rgb);
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity)));
        Path2D.Double p = path(xs, ys, n);
        p.closePath();
        g.fill(p);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        g.setColor(color(rgb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        g.setColor(color(rgb));
        g.setStroke(new BasicStroke(1));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void circle(double cx, double cy, double r, int fill, int stroke) {
        Ellipse2D.Double e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(color(fill));
        g.fill(e);
        g.setColor(color(stroke));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(e);
    }

    @Override
    public void text(String s, double x, double y, double size, Anchor anchor, boolean bold, boolean vertical,
                     int rgb) {
        g.setFont(font(size, bold));
        g.setColor(color(rgb));
        double w = textWidth(s, size, bold);
        double dx = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
        AffineTransform old = g.getTransform();
        g.translate(x, y);
        if (vertical) {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(s, (float) dx, 0f);
        g.setTransform(old);
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        return g.getFontMetrics(font(size, bold)).getStringBounds(s, g).getWidth();
    }
}
