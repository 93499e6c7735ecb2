package io.wayfinder.ui.compare;

import io.wayfinder.report.PlotFrame;
import io.wayfinder.report.Viewport;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The zoom of one figure: the data window it shows (null = fitted to the data). Pointer gestures arrive in pixels
 * with the frame the figure was last painted with; no controls here, so it is tested without a screen.
 */
public final class PlotZoom {
    /** A rubber band narrower or lower than this (pixels) is a click, not a zoom. */
    static final double MIN_BAND = 5;
    private final ObjectProperty<Viewport> view = new SimpleObjectProperty<>();

    /** The data window shown, or null when the figure is fitted to its data. */
    public ObjectProperty<Viewport> viewProperty() {
        return view;
    }

    public Viewport view() {
        return view.get();
    }

    public boolean zoomed() {
        return view.get() != null;
    }

    /** Zooms to the rectangle dragged between two pixels; returns false (and keeps the view) for a tiny band. */
    public boolean zoomTo(PlotFrame f, double px0, double py0, double px1, double py1) {
        double l = clamp(Math.min(px0, px1), f.left(), f.left() + f.width());
        double r = clamp(Math.max(px0, px1), f.left(), f.left() + f.width());
        double t = clamp(Math.min(py0, py1), f.top(), f.top() + f.height());
        double b = clamp(Math.max(py0, py1), f.top(), f.top() + f.height());
        if (r - l < MIN_BAND || b - t < MIN_BAND) {
            return false;
        }
        view.set(new Viewport(f.dataX(l), f.dataX(r), f.dataY(b), f.dataY(t)));
        return true;
    }

    /** Zooms by {@code factor} (below 1 zooms in) about the data point under a pixel. */
    public void zoomAt(PlotFrame f, double px, double py, double factor) {
        Viewport v = f.view();
        double x = f.dataX(clamp(px, f.left(), f.left() + f.width()));
        double y = f.dataY(clamp(py, f.top(), f.top() + f.height()));
        view.set(new Viewport(x - (x - v.x0()) * factor, x + (v.x1() - x) * factor,
                y - (y - v.y0()) * factor, y + (v.y1() - y) * factor));
    }

    /** Moves the window so that the data under the pointer follows a drag of (dx, dy) pixels. */
    public void pan(PlotFrame f, double dx, double dy) {
        Viewport v = f.view();
        double sx = dx / f.width() * (v.x1() - v.x0());
        double sy = dy / f.height() * (v.y1() - v.y0());
        view.set(new Viewport(v.x0() - sx, v.x1() - sx, v.y0() + sy, v.y1() + sy));
    }

    /** Back to the window fitted to the data. */
    public void reset() {
        view.set(null);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
