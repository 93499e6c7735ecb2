package io.wayfinder.graph;

import java.util.List;
import java.util.Objects;

/**
 * A sampled network as something to draw: boxes (layers, cell nodes, inputs and outputs) and arrows (data flow, skip
 * connections, memory-cell wiring, operations on the edges of a NAS-Bench-201 cell). Built by {@link ArchGraphs} from
 * a trial's stored graph or its configuration; laid out by {@link GraphLayout}; written by {@link SvgWriter},
 * {@link DotWriter} and {@link PngWriter}.
 *
 * @param kind  {@code convnet}, {@code recurrent-cell}, {@code nas-bench-201} or {@code graph}
 * @param title a line naming what is drawn
 * @param nodes the boxes, in the model order the layout keeps where it can
 * @param edges the arrows
 */
public record ArchGraph(String kind, String title, List<Node> nodes, List<Edge> edges) {

    /** What a box stands for; it decides the box's colour and shape. */
    public enum Role { INPUT, CONV, PAD, CONCAT, POOL, OUTPUT, CELL_NODE, MEMORY, STATE }

    /** What an arrow carries. */
    public enum EdgeKind {
        /** the ordinary flow from one layer to the next */
        DATA,
        /** a skip connection: from an anchor to a later layer than the next one */
        SKIP,
        /** the memory cell: where c(t-1) is injected and c(t) read */
        MEMORY,
        /** a NAS-Bench-201 edge whose operation is {@code none} (no connection) */
        ABSENT,
        /** a connection a decision may make (a skip decision of a search space), not one a network has */
        CANDIDATE
    }

    /**
     * One box.
     *
     * @param id    unique id
     * @param role  what it stands for
     * @param title its first, bold line
     * @param lines further lines (operation, shape)
     */
    public record Node(String id, Role role, String title, List<String> lines) {
        public Node {
            Objects.requireNonNull(id);
            Objects.requireNonNull(role);
            lines = List.copyOf(lines);
        }
    }

    /**
     * One arrow.
     *
     * @param from  source node id
     * @param to    target node id
     * @param label text beside it, or null
     * @param kind  what it carries
     */
    public record Edge(String from, String to, String label, EdgeKind kind) {
        public Edge {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(kind);
        }
    }

    public ArchGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Node n : nodes) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("two nodes named " + n.id());
            }
        }
        for (Edge e : edges) {
            if (!ids.contains(e.from()) || !ids.contains(e.to())) {
                throw new IllegalArgumentException("edge " + e.from() + " -> " + e.to() + " names an unknown node");
            }
        }
    }

    /** The node with this id. */
    public Node node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node " + id);
    }
}
