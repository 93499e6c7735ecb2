package io.wayfinder.child.cell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.Json;

/** The architecture graph of a {@link CellSpec} for the run store and the inspector: nodes, edges, memory cell. */
public final class CellGraph {
    private CellGraph() {
    }

    public static ObjectNode of(CellSpec spec, int hidden) {
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("kind", "recurrent-cell");
        ArrayNode nodes = g.putArray("nodes");
        ArrayNode edges = g.putArray("edges");
        node(nodes, "x_t", "input", hidden);
        node(nodes, "h_prev", "input", hidden);
        node(nodes, "c_prev", "input", hidden);
        for (int i = 0; i < CellSpec.NODES; i++) {
            node(nodes, "node" + i, "cell_node", spec.combinations().get(i) + " -> " + spec.activations().get(i), hidden);
            if (i < CellSpec.LEAVES) {
                edge(edges, "x_t", "node" + i, "W" + i);
                edge(edges, "h_prev", "node" + i, "U" + i);
            } else {
                int[] ch = CellSpec.children(i);
                edge(edges, "node" + ch[0], "node" + i, null);
                edge(edges, "node" + ch[1], "node" + i, null);
            }
        }
        String inject = "inject";
        node(nodes, inject, "memory_inject", spec.injectCombination() + " c_prev -> " + spec.injectActivation(), hidden);
        edge(edges, "c_prev", inject, null);
        edge(edges, "node" + spec.injectNode(), inject, "replaces the node's output");
        node(nodes, "c_t", "output", hidden);
        edge(edges, "node" + spec.readNode(), "c_t", "pre-activation");
        node(nodes, "h_t", "output", hidden);
        edge(edges, "node" + (CellSpec.NODES - 1), "h_t", null);
        g.put("injectNode", spec.injectNode());
        g.put("readNode", spec.readNode());
        return g;
    }

    private static void node(ArrayNode nodes, String id, String op, int width) {
        node(nodes, id, op, null, width);
    }

    private static void node(ArrayNode nodes, String id, String op, String operation, int width) {
        ObjectNode n = nodes.addObject();
        n.put("id", id);
        n.put("op", op);
        if (operation != null) {
            n.put("operation", operation);
        }
        n.putArray("shape").add(width);
    }

    private static void edge(ArrayNode edges, String from, String to, String label) {
        ObjectNode e = edges.addObject();
        e.put("from", from);
        e.put("to", to);
        if (label != null) {
            e.put("label", label);
        }
    }
}
