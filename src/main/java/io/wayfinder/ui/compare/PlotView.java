package io.wayfinder.ui.compare;

import io.wayfinder.report.Plot;
import io.wayfinder.report.PlotFrame;
import io.wayfinder.report.PlotPainter;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * A {@link Plot} on a canvas that follows the region's size. Drag a rectangle to zoom into it, scroll to zoom about
 * the pointer, Shift+drag (or the middle button) to pan; double-click or "Reset zoom" fits the data again.
 */
public final class PlotView extends Region {
    private final Canvas canvas = new Canvas();
    private final Rectangle band = new Rectangle();
    private final Button reset = new Button("Reset zoom");
    private final PlotZoom zoom = new PlotZoom();
    private Plot plot;
    private PlotFrame frame;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean panning;
    private boolean banding;

    public PlotView() {
        band.setManaged(false);
        band.setVisible(false);
        band.setFill(Color.rgb(37, 99, 235, 0.12));
        band.setStroke(Color.rgb(37, 99, 235));
        band.getStrokeDashArray().setAll(4.0, 3.0);
        reset.setManaged(false);
        reset.getStyleClass().add("small");
        reset.setFocusTraversable(false);
        reset.visibleProperty().bind(zoom.viewProperty().isNotNull());
        reset.setOnAction(e -> zoom.reset());
        getChildren().addAll(canvas, band, reset);
        getStyleClass().add("plot-view");
        setMinSize(200, 160);
        setPrefSize(560, 340);
        javafx.scene.control.Tooltip.install(this, new javafx.scene.control.Tooltip("Drag a rectangle to zoom, "
                + "scroll to zoom about the pointer, Shift+drag to pan, double-click to reset; right-click to save"));
        zoom.viewProperty().addListener((o, a, b) -> paint());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                zoom.reset();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (frame != null && e.getDeltaY() != 0) {
                zoom.zoomAt(frame, e.getX(), e.getY(), e.getDeltaY() > 0 ? 0.8 : 1.25);
                e.consume();
            }
        });
    }

    public void show(Plot p) {
        this.plot = p;
        zoom.reset();
        requestLayout();
        paint();
    }

    public Plot plot() {
        return plot;
    }

    /** The zoom of this figure (its data window). */
    public PlotZoom zoom() {
        return zoom;
    }

    /** Where the data area was last painted (null before the first paint). */
    public PlotFrame frame() {
        return frame;
    }

    private void pressed(MouseEvent e) {
        if (frame == null || !frame.contains(e.getX(), e.getY())) {
            return;
        }
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        panning = e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY && e.isShiftDown();
        banding = !panning && e.getButton() == MouseButton.PRIMARY;
    }

    private void dragged(MouseEvent e) {
        if (panning && frame != null) {
            zoom.pan(frame, e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
        } else if (banding) {
            band.setX(Math.min(pressX, e.getX()));
            band.setY(Math.min(pressY, e.getY()));
            band.setWidth(Math.abs(e.getX() - pressX));
            band.setHeight(Math.abs(e.getY() - pressY));
            band.setVisible(true);
        }
    }

    private void released(MouseEvent e) {
        if (banding && frame != null) {
            zoom.zoomTo(frame, pressX, pressY, e.getX(), e.getY());
        }
        band.setVisible(false);
        banding = false;
        panning = false;
    }

    @Override
    protected void layoutChildren() {
        reset.autosize();
        // inside the data area's top-right corner: clear of the title and the legend
        double right = frame != null ? frame.left() + frame.width() : getWidth() - 16;
        double top = frame != null ? frame.top() : 40;
        reset.relocate(right - reset.getWidth() - 4, top + 4);
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
        frame = PlotPainter.paint(plot, new FxPlotCanvas(canvas.getGraphicsContext2D()), getWidth(), getHeight(),
                zoom.view());
        reset.autosize();
        reset.relocate(frame.left() + frame.width() - reset.getWidth() - 4, frame.top() + 4);
    }
}
