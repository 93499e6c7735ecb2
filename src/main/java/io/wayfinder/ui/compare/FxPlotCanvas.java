package io.wayfinder.ui.compare;

import io.wayfinder.report.PlotCanvas;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/** The JavaFX {@link PlotCanvas}: the screen paints the same plots as the SVG and PNG exports. */
final class FxPlotCanvas implements PlotCanvas {
    private final GraphicsContext g;
    private final Text measure = new Text();

    FxPlotCanvas(GraphicsContext g) {
        this.g = g;
    }

    private static Color c(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    private static Font font(double size, boolean bold) {
        return Font.font("DejaVu Sans", bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.closePath();
        g.clip();
    }

    @Override
    public void unclip() {
        g.restore();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) {
        g.setStroke(c(rgb));
        g.setLineWidth(width);
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineDashes(dashed ? new double[]{6, 4} : null);
        g.strokeLine(x1, y1, x2, y2);
        g.setLineDashes(null);
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double width) {
        g.setStroke(c(rgb));
        g.setLineWidth(width);
        g.setLineCap(StrokeLineCap.ROUND);
        g.strokePolyline(xs, ys, n);
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, int rgb, double opacity) {
        g.setFill(c(rgb).deriveColor(0, 1, 1, opacity));
        g.fillPolygon(xs, ys, n);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        g.setFill(c(rgb));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        g.setStroke(c(rgb));
        g.setLineWidth(1);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void circle(double cx, double cy, double r, int fill, int stroke) {
        g.setFill(c(fill));
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setStroke(c(stroke));
        g.setLineWidth(1.5);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    @Override
    public void text(String s, double x, double y, double size, Anchor anchor, boolean bold, boolean vertical,
                     int rgb) {
        g.save();
        g.setFont(font(size, bold));
        g.setFill(c(rgb));
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(anchor == Anchor.START ? TextAlignment.LEFT : anchor == Anchor.MIDDLE ? TextAlignment.CENTER
                : TextAlignment.RIGHT);
        g.translate(x, y);
        if (vertical) {
            g.rotate(-90);
        }
        g.fillText(s, 0, 0);
        g.restore();
    }

    @Override
    public double textWidth(String s, double size, boolean bold) {
        measure.setFont(font(size, bold));
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }
}
