package io.wayfinder.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders an architecture graph as stored in a trial's {@code details.graph} ({@code nodes} with id, operation and
 * shape; {@code edges} from/to; optional {@code padded} and {@code concatenated} lists) as Graphviz DOT text. A pure
 * function: the same graph gives the same text.
 */
public final class GraphDot {
    private GraphDot() {
    }

    /**
     * The DOT text of {@code graph} with {@code title} as the graph label.
     *
     * @throws IllegalArgumentException when the graph has no node list
     */
    public static String render(String title, JsonNode graph) {
        JsonNode nodes = graph == null ? null : graph.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            throw new IllegalArgumentException("an architecture graph needs a \"nodes\" list");
        }
        Set<String> padded = new HashSet<>();
        for (JsonNode p : graph.path("padded")) {
            padded.add(p.path("node").asText());
        }
        Map<String, String> ops = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        sb.append("digraph ").append(quote(title)).append(" {\n");
        sb.append("  label=").append(quote(title)).append(";\n");
        sb.append("  labelloc=t;\n  rankdir=TB;\n");
        sb.append("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n");
        for (JsonNode n : nodes) {
            String id = n.path("id").asText();
            String op = n.path("op").asText("");
            ops.put(id, op);
            StringBuilder label = new StringBuilder(id);
            if (n.hasNonNull("operation")) {
                label.append('\n').append(n.get("operation").asText());
            }
            JsonNode shape = n.get("shape");
            if (shape != null && shape.isArray()) {
                label.append('\n');
                for (int i = 0; i < shape.size(); i++) {
                    label.append(i == 0 ? "" : " x ").append(shape.get(i).asText());
                }
            }
            sb.append("  ").append(quote(id)).append(" [label=").append(quote(label.toString()))
                    .append(style(op, padded.contains(id))).append("];\n");
        }
        for (JsonNode e : graph.path("edges")) {
            String to = e.path("to").asText();
            sb.append("  ").append(quote(e.path("from").asText())).append(" -> ").append(quote(to));
            List<String> attributes = new ArrayList<>();
            if (padded.contains(to)) {
                attributes.add("style=dashed");
            }
            if (e.hasNonNull("label")) {
                attributes.add("label=" + quote(e.get("label").asText()));
            }
            if (!attributes.isEmpty()) {
                sb.append(" [").append(String.join(", ", attributes)).append(']');
            }
            sb.append(";\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String style(String op, boolean padded) {
        if (padded || "zero_pad".equals(op)) {
            return ", fillcolor=\"#fff3cd\"";
        }
        switch (op) {
            case "input":
                return ", shape=ellipse, fillcolor=\"#d9ead3\"";
            case "concat":
                return ", shape=invhouse, fillcolor=\"#cfe2f3\"";
            case "softmax":
                return ", shape=ellipse, fillcolor=\"#f4cccc\"";
            default:
                return "";
        }
    }

    /** A DOT double-quoted string. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
