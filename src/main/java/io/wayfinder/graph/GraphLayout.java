package io.wayfinder.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays an {@link ArchGraph} out with Eclipse ELK's layered (Sugiyama) algorithm: layers top to bottom, crossings
 * minimised, orthogonal edge routes, edge labels placed between layers, and the graph's own node order kept where
 * it does not cost crossings (layer 0 left of layer 1). Box sizes come from the text's length at a fixed character
 * width ({@link Palette#CHAR}), so a layout is the same on every machine and in every rendering. Pure: the same
 * graph gives the same drawing.
 */
public final class GraphLayout {
    private static final double PAD_X = 10;
    private static final double PAD_Y = 6;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private GraphLayout() {
    }

    /** The width a box needs for this node's text. */
    public static double boxWidth(ArchGraph.Node n) {
        int chars = n.title() == null ? 0 : n.title().length();
        for (String l : n.lines()) {
            chars = Math.max(chars, l.length());
        }
        return Math.ceil(chars * Palette.CHAR + 2 * PAD_X);
    }

    /** The height a box needs for this node's text. */
    public static double boxHeight(ArchGraph.Node n) {
        return (1 + n.lines().size()) * Palette.LINE + 2 * PAD_Y;
    }

    /** Lays the graph out. */
    public static Drawing layout(ArchGraph graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(20));
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 28.0);
        root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 8.0);
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        root.setProperty(LayeredOptions.RANDOM_SEED, 1);
        root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_FORCE_NODE_MODEL_ORDER, true);
        java.util.Set<String> targets = new java.util.HashSet<>();
        graph.edges().forEach(e -> targets.add(e.to()));
        Map<String, ElkNode> elk = new HashMap<>();
        for (ArchGraph.Node n : graph.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setIdentifier(n.id());
            e.setDimensions(boxWidth(n), boxHeight(n));
            if (!targets.contains(n.id())) {
                // inputs (the image, a cell's leaves and c(t-1)) all in the first layer
                e.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.FIRST);
            }
            elk.put(n.id(), e);
        }
        List<ElkEdge> edges = new ArrayList<>();
        for (ArchGraph.Edge e : graph.edges()) {
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(elk.get(e.from()), elk.get(e.to()));
            if (e.label() != null && !e.label().isEmpty()) {
                ElkLabel l = ElkGraphUtil.createLabel(e.label(), edge);
                l.setDimensions(Math.ceil(e.label().length() * Palette.CHAR + 6), Palette.LINE);
                l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            }
            edges.add(edge);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<Drawing.Box> boxes = new ArrayList<>();
        for (ArchGraph.Node n : graph.nodes()) {
            ElkNode e = elk.get(n.id());
            boxes.add(new Drawing.Box(n, e.getX(), e.getY(), e.getWidth(), e.getHeight()));
        }
        List<Drawing.Arrow> arrows = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            ElkEdge edge = edges.get(i);
            List<Double> pts = new ArrayList<>();
            for (ElkEdgeSection s : edge.getSections()) {
                pts.add(s.getStartX());
                pts.add(s.getStartY());
                for (ElkBendPoint b : s.getBendPoints()) {
                    pts.add(b.getX());
                    pts.add(b.getY());
                }
                pts.add(s.getEndX());
                pts.add(s.getEndY());
            }
            double[] p = pts.stream().mapToDouble(Double::doubleValue).toArray();
            double lx = Double.NaN;
            double ly = Double.NaN;
            double lw = 0;
            double lh = 0;
            if (!edge.getLabels().isEmpty()) {
                ElkLabel l = edge.getLabels().get(0);
                lx = l.getX();
                ly = l.getY();
                lw = l.getWidth();
                lh = l.getHeight();
            }
            arrows.add(new Drawing.Arrow(graph.edges().get(i), p, lx, ly, lw, lh));
        }
        return new Drawing(graph, root.getWidth(), root.getHeight(), boxes, arrows, "Eclipse ELK layered");
    }
}
