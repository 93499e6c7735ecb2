package io.wayfinder.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.graph.ArchGraph.Edge;
import io.wayfinder.graph.ArchGraph.EdgeKind;
import io.wayfinder.graph.ArchGraph.Node;
import io.wayfinder.graph.ArchGraph.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * A search space as the network its decisions generate: top-level decisions as boxes in order; a repeat block as one
 * box per layer listing the block's decisions (one line each, in the block's order); a block's skip decision as
 * candidate edges from every earlier layer. Works on the space's JSON tree, so a half-edited space draws too.
 *
 * <p>Box ids name the decision they stand for: {@code d3} is top-level decision 3, {@code d0L2} layer 2 of repeat
 * block 0 (line {@code k} of its text is the block's decision {@code k}).
 */
public final class SpaceDiagram {
    private static final int MAX_CHOICES_TEXT = 34;

    private SpaceDiagram() {
    }

    /** The diagram of a search space's JSON tree. */
    public static ArchGraph of(JsonNode space) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(new Node("input", Role.INPUT, "input", List.of()));
        String prev = "input";
        JsonNode decisions = space.path("decisions");
        for (int i = 0; i < decisions.size(); i++) {
            JsonNode d = decisions.get(i);
            String type = d.path("type").asText("categorical");
            String name = d.path("name").asText("(unnamed)");
            if ("repeat".equals(type)) {
                int count = Math.max(1, Math.min(64, d.path("count").asInt(1)));
                List<String> lines = new ArrayList<>();
                boolean skips = false;
                for (JsonNode inner : d.path("decisions")) {
                    lines.add(line(inner));
                    skips |= "skip".equals(inner.path("type").asText());
                }
                for (int l = 0; l < count; l++) {
                    String id = "d" + i + "L" + l;
                    nodes.add(new Node(id, Role.CONV, name + " " + l, lines));
                    edges.add(new Edge(prev, id, null, EdgeKind.DATA));
                    if (skips) {
                        for (int j = 0; j < l - 1; j++) {
                            edges.add(new Edge("d" + i + "L" + j, id, null, EdgeKind.CANDIDATE));
                        }
                    }
                    prev = id;
                }
            } else {
                String id = "d" + i;
                nodes.add(new Node(id, "skip".equals(type) ? Role.CONCAT : Role.CELL_NODE, name,
                        List.of(choices(d))));
                edges.add(new Edge(prev, id, null, EdgeKind.DATA));
                prev = id;
            }
        }
        nodes.add(new Node("output", Role.OUTPUT, "output", List.of()));
        edges.add(new Edge(prev, "output", null, EdgeKind.DATA));
        String title = space.path("name").asText("search space");
        return new ArchGraph("search-space", title, nodes, edges);
    }

    /** The top-level index and, for a block's layer box and a line of it, the inner index (else -1) of a box. */
    public static int[] decisionOf(String boxId, int line) {
        if (!boxId.startsWith("d")) {
            return null;
        }
        int l = boxId.indexOf('L');
        if (l < 0) {
            return new int[]{Integer.parseInt(boxId.substring(1)), -1};
        }
        return new int[]{Integer.parseInt(boxId.substring(1, l)), line};
    }

    private static String line(JsonNode d) {
        String name = d.path("name").asText("(unnamed)");
        if ("skip".equals(d.path("type").asText())) {
            return name + ": skip from each earlier layer?";
        }
        return name + " ∈ " + choices(d);
    }

    private static String choices(JsonNode d) {
        if ("skip".equals(d.path("type").asText())) {
            return "yes / no from each earlier layer";
        }
        List<String> vals = new ArrayList<>();
        for (JsonNode c : d.path("choices")) {
            vals.add(c.isObject() ? c.path("label").asText(c.path("value").asText()) : c.asText());
        }
        String text = "{" + String.join(", ", vals) + "}";
        if (vals.isEmpty()) {
            return "{ } (no choices yet)";
        }
        return text.length() > MAX_CHOICES_TEXT ? text.substring(0, MAX_CHOICES_TEXT - 2) + "…}" : text;
    }
}
