package io.wayfinder.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.report.PlotFrame;
import io.wayfinder.report.Viewport;
import org.junit.jupiter.api.Test;

/** The comparison figures' zoom, without a screen: a frame of 400 x 200 pixels at (50, 30) over x 0..100, y 0..1. */
class PlotZoomTest {
    static final PlotFrame FRAME = new PlotFrame(50, 30, 400, 200, new Viewport(0, 100, 0, 1));

    @Test
    void aDraggedRectangleBecomesThatDataWindow() {
        PlotZoom z = new PlotZoom();
        // pixels 150..250 are x 25..50; rows 80..180 are y 0.75..0.25 (rows grow downwards)
        assertThat(z.zoomTo(FRAME, 250, 180, 150, 80)).isTrue();
        assertThat(z.view().x0()).isCloseTo(25, within(1e-9));
        assertThat(z.view().x1()).isCloseTo(50, within(1e-9));
        assertThat(z.view().y0()).isCloseTo(0.25, within(1e-9));
        assertThat(z.view().y1()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void aBandOutsideTheFrameIsClampedAndATinyOneIsAClick() {
        PlotZoom z = new PlotZoom();
        assertThat(z.zoomTo(FRAME, 100, 100, 102, 160)).isFalse();
        assertThat(z.zoomed()).isFalse();
        assertThat(z.zoomTo(FRAME, 0, 0, 250, 130)).isTrue();
        assertThat(z.view()).isEqualTo(new Viewport(0, 50, 0.5, 1));
    }

    @Test
    void scrollingZoomsAboutThePointerAndPanningMovesTheWindow() {
        PlotZoom z = new PlotZoom();
        // the pointer at x 50, y 0.5 stays put when zooming in by half
        z.zoomAt(FRAME, 250, 130, 0.5);
        assertThat(z.view().x0()).isCloseTo(25, within(1e-9));
        assertThat(z.view().x1()).isCloseTo(75, within(1e-9));
        assertThat(z.view().y0()).isCloseTo(0.25, within(1e-9));
        assertThat(z.view().y1()).isCloseTo(0.75, within(1e-9));
        // dragging the fitted frame 40 pixels right and 20 down moves its window 10 units left and 0.1 up
        z.pan(FRAME, 40, 20);
        assertThat(z.view().x0()).isCloseTo(-10, within(1e-9));
        assertThat(z.view().x1()).isCloseTo(90, within(1e-9));
        assertThat(z.view().y0()).isCloseTo(0.1, within(1e-9));
        assertThat(z.view().y1()).isCloseTo(1.1, within(1e-9));
        z.reset();
        assertThat(z.zoomed()).isFalse();
    }
}
