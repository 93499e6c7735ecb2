package io.wayfinder.graph;

import java.util.List;

/**
 * An {@link ArchGraph} laid out: every box's rectangle and every arrow's polyline, in pixels, origin top left. The
 * SVG and PNG writers and the workbench all draw from this one model.
 *
 * @param graph  what was laid out
 * @param width  total width
 * @param height total height
 * @param boxes  one per node, in the graph's node order
 * @param arrows one per edge, in the graph's edge order
 * @param engine the layout engine that placed them
 */
public record Drawing(ArchGraph graph, double width, double height, List<Box> boxes, List<Arrow> arrows,
                     String engine) {

    /** A node's rectangle. */
    public record Box(ArchGraph.Node node, double x, double y, double width, double height) {
        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }
    }

    /**
     * An edge's route and the place of its label.
     *
     * @param points the polyline from source to target, {@code [x0, y0, x1, y1, ...]}
     * @param labelX the label's left edge (NaN when it has none)
     * @param labelY the label's top edge
     */
    public record Arrow(ArchGraph.Edge edge, double[] points, double labelX, double labelY, double labelWidth,
                        double labelHeight) {
    }

    public Drawing {
        boxes = List.copyOf(boxes);
        arrows = List.copyOf(arrows);
    }

    /** The box at a point, or null. */
    public Box boxAt(double x, double y) {
        for (Box b : boxes) {
            if (b.contains(x, y)) {
                return b;
            }
        }
        return null;
    }
}
