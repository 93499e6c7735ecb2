package io.wayfinder.report;

/**
 * Where a painted plot's data area lies (pixels) and which data window it shows: maps between the two, so that a
 * screen can turn a drag or a scroll into a {@link Viewport}.
 */
public record PlotFrame(double left, double top, double width, double height, Viewport view) {
    public double px(double x) {
        return left + (x - view.x0()) / (view.x1() - view.x0()) * width;
    }

    public double py(double y) {
        return top + height - (y - view.y0()) / (view.y1() - view.y0()) * height;
    }

    /** The data x at a pixel column. */
    public double dataX(double px) {
        return view.x0() + (px - left) / width * (view.x1() - view.x0());
    }

    /** The data y at a pixel row. */
    public double dataY(double py) {
        return view.y0() + (top + height - py) / height * (view.y1() - view.y0());
    }

    /** Whether a pixel lies inside the data area. */
    public boolean contains(double px, double py) {
        return px >= left && px <= left + width && py >= top && py <= top + height;
    }
}
