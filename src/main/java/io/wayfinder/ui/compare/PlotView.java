package io.wayfinder.ui.compare;

import io.wayfinder.report.Plot;
import io.wayfinder.report.PlotPainter;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** A {@link Plot} on a canvas that follows the region's size. */
public final class PlotView extends Region {
    private final Canvas canvas = new Canvas();
    private Plot plot;

    public PlotView() {
        getChildren().add(canvas);
        getStyleClass().add("plot-view");
        setMinSize(200, 160);
        setPrefSize(560, 340);
    }

    public void show(Plot p) {
        this.plot = p;
        requestLayout();
        paint();
    }

    public Plot plot() {
        return plot;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            paint();
        }
    }

    private void paint() {
        if (plot == null || getWidth() < 10 || getHeight() < 10) {
            return;
        }
        PlotPainter.paint(plot, new FxPlotCanvas(canvas.getGraphicsContext2D()), getWidth(), getHeight());
    }
}
