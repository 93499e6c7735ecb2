package io.wayfinder.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.graph.ArchGraph.Edge;
import io.wayfinder.graph.ArchGraph.EdgeKind;
import io.wayfinder.graph.ArchGraph.Node;
import io.wayfinder.graph.ArchGraph.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link ArchGraph}s: from the graph a trial stores in {@code details.graph} (conv nets, recurrent cells), or
 * from a configuration's values (NAS-Bench-201 cells, whose tabular trials store no graph).
 */
public final class ArchGraphs {
    private static final Pattern NB201_EDGE = Pattern.compile("e_(\\d)_(\\d)");
    private static final Pattern CONV_TEXT = Pattern.compile("conv (\\d+)x(\\d+), (\\d+) filters, stride (\\d+).*");

    private ArchGraphs() {
    }

    /**
     * The drawing of a trial: its stored graph when it has one, else a NAS-Bench-201 cell when its values name the
     * six edges, else empty (a two-tower text child has no graph; the inspector shows a card).
     *
     * @param title   what to call the drawing
     * @param details the trial's details JSON (may be null)
     * @param values  the trial's configuration (path to value; may be null)
     */
    public static Optional<ArchGraph> forTrial(String title, JsonNode details, JsonNode values) {
        JsonNode g = details == null ? null : details.get("graph");
        if (g != null && g.has("nodes")) {
            return Optional.of(fromStored(title, g));
        }
        if (values != null && values.isObject()) {
            Map<String, String> v = new TreeMap<>();
            values.fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asText()));
            if (isNasBench201(v)) {
                return Optional.of(nasBench201(title, v));
            }
        }
        return Optional.empty();
    }

    /** Whether these values are a NAS-Bench-201 cell: the six edges {@code e_i_j} (0 &lt;= j &lt; i &lt;= 3). */
    public static boolean isNasBench201(Map<String, String> values) {
        int edges = 0;
        for (String k : values.keySet()) {
            Matcher m = NB201_EDGE.matcher(k);
            if (m.matches() && Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(1))
                    && Integer.parseInt(m.group(1)) <= 3) {
                edges++;
            }
        }
        return edges == 6;
    }

    /** A graph as stored in {@code details.graph}: a conv net, a recurrent cell, or any nodes-and-edges graph. */
    public static ArchGraph fromStored(String title, JsonNode graph) {
        if (graph == null || !graph.path("nodes").isArray()) {
            throw new IllegalArgumentException("an architecture graph needs a \"nodes\" list");
        }
        String kind = graph.path("kind").asText("graph");
        return switch (kind) {
            case "convnet" -> convNet(title, graph);
            case "recurrent-cell" -> recurrentCell(title, graph);
            default -> generic(title, kind, graph);
        };
    }

    private static ArchGraph convNet(String title, JsonNode graph) {
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> layerOf = new HashMap<>();
        Map<String, String> opOf = new HashMap<>();
        int layers = 0;
        for (JsonNode n : graph.path("nodes")) {
            String op = n.path("op").asText();
            if ("conv".equals(op)) {
                layers++;
            }
        }
        Map<String, JsonNode> padded = new HashMap<>();
        for (JsonNode p : graph.path("padded")) {
            padded.put(p.path("node").asText(), p);
        }
        for (JsonNode n : graph.path("nodes")) {
            String id = n.path("id").asText();
            String op = n.path("op").asText();
            opOf.put(id, op);
            int layer = n.path("layer").asInt(-1);
            layerOf.put(id, layer < 0 && !"input".equals(op) ? layers : layer);
            String shape = shape(n.path("shape"));
            switch (op) {
                case "input" -> nodes.add(new Node(id, Role.INPUT, "image", List.of(shape)));
                case "conv" -> {
                    List<String> lines = new ArrayList<>();
                    if (n.has("filterHeight")) {
                        lines.add(n.path("filterHeight").asInt() + " x " + n.path("filterWidth").asInt() + " conv, "
                                + n.path("filters").asInt() + " filters");
                        lines.add("stride " + n.path("stride").asInt() + ", BN, ReLU");
                    } else {
                        Matcher m = CONV_TEXT.matcher(n.path("operation").asText());
                        if (m.matches()) {
                            lines.add(m.group(1) + " x " + m.group(2) + " conv, " + m.group(3) + " filters");
                            lines.add("stride " + m.group(4) + ", BN, ReLU");
                        } else {
                            lines.add(n.path("operation").asText());
                        }
                    }
                    lines.add("out " + shape);
                    nodes.add(new Node(id, Role.CONV, "layer " + layer, lines));
                }
                case "zero_pad" -> {
                    JsonNode p = padded.get(id);
                    List<String> lines = new ArrayList<>();
                    if (p != null) {
                        lines.add(shape(p.path("from")) + " -> " + shape(p.path("to")));
                        JsonNode pad = p.path("padding");
                        lines.add("t" + pad.path(0).asInt() + " b" + pad.path(1).asInt() + " l" + pad.path(2).asInt()
                                + " r" + pad.path(3).asInt());
                    } else {
                        lines.add(n.path("operation").asText());
                    }
                    nodes.add(new Node(id, Role.PAD, "zero pad", lines));
                }
                case "concat" -> nodes.add(new Node(id, Role.CONCAT,
                        layer < 0 ? "concat (head)" : "concat (into layer " + layer + ")", List.of("out " + shape)));
                case "global_avg_pool" -> nodes.add(new Node(id, Role.POOL, "global avg pool", List.of("out " + shape)));
                case "softmax" -> nodes.add(new Node(id, Role.OUTPUT, "softmax",
                        List.of(n.path("shape").path(2).asInt() + " classes")));
                default -> nodes.add(new Node(id, Role.CONV, id, List.of(n.path("operation").asText(op), shape)));
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonNode e : graph.path("edges")) {
            String from = e.path("from").asText();
            String to = e.path("to").asText();
            EdgeKind kind = EdgeKind.DATA;
            if ("conv".equals(opOf.get(from))) {
                int source = layerOf.get(from);
                int consumer = layerOf.getOrDefault(to, layers);
                if (consumer != source + 1) {
                    kind = EdgeKind.SKIP;
                }
            }
            edges.add(new Edge(from, to, e.hasNonNull("label") ? e.get("label").asText() : null, kind));
        }
        return new ArchGraph("convnet", title, nodes, edges);
    }

    /**
     * The cell as a tree: each leaf reads x(t) and h(t-1) (written in the box rather than drawn as 16 arrows), each
     * node shows its combination and activation; the memory cell's injection and read are drawn in brown.
     */
    private static ArchGraph recurrentCell(String title, JsonNode graph) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        java.util.Set<String> leaves = new java.util.HashSet<>();
        for (JsonNode e : graph.path("edges")) {
            if (e.path("from").asText().equals("x_t")) {
                leaves.add(e.path("to").asText());
            }
        }
        String inject = null;
        for (JsonNode n : graph.path("nodes")) {
            String id = n.path("id").asText();
            String op = n.path("op").asText();
            String operation = n.path("operation").asText("");
            switch (op) {
                case "input" -> {
                    if ("c_prev".equals(id)) {
                        nodes.add(new Node(id, Role.MEMORY, "c(t-1)", List.of(shape(n.path("shape")) + " wide")));
                    }
                }
                case "cell_node" -> {
                    List<String> lines = new ArrayList<>();
                    if (leaves.contains(id)) {
                        lines.add("x(t), h(t-1)");
                    }
                    lines.addAll(combinationAndActivation(operation));
                    nodes.add(new Node(id, Role.CELL_NODE, id.replace("node", "node "), lines));
                }
                case "memory_inject" -> {
                    inject = id;
                    nodes.add(new Node(id, Role.MEMORY, "inject c(t-1)",
                            combinationAndActivation(operation.replace(" c_prev", ""))));
                }
                case "output" -> nodes.add(new Node(id, "c_t".equals(id) ? Role.MEMORY : Role.OUTPUT,
                        "c_t".equals(id) ? "c(t)" : "h(t)", List.of(shape(n.path("shape")) + " wide")));
                default -> nodes.add(new Node(id, Role.CELL_NODE, id, List.of(operation)));
            }
        }
        String injected = inject != null && graph.has("injectNode") ? "node" + graph.path("injectNode").asInt() : null;
        for (JsonNode e : graph.path("edges")) {
            String from = e.path("from").asText();
            String to = e.path("to").asText();
            if (from.equals("x_t") || from.equals("h_prev")) {
                continue;
            }
            if (injected != null && from.equals(injected) && !to.equals(inject)) {
                // the injected node's output is replaced: its parent reads the injection
                edges.add(new Edge(inject, to, null, EdgeKind.MEMORY));
                continue;
            }
            boolean memory = from.equals("c_prev") || to.equals("c_t") || to.equals(inject);
            String label = "c_t".equals(to) ? "read" : null;
            edges.add(new Edge(from, to, label, memory ? EdgeKind.MEMORY : EdgeKind.DATA));
        }
        return new ArchGraph("recurrent-cell", title, nodes, edges);
    }

    /** {@code "add -> tanh"} as the two lines {@code add}, {@code -> tanh}. */
    private static List<String> combinationAndActivation(String operation) {
        int arrow = operation.indexOf(" -> ");
        if (arrow < 0) {
            return List.of(operation);
        }
        return List.of(operation.substring(0, arrow), operation.substring(arrow + 1));
    }

    private static ArchGraph generic(String title, String kind, JsonNode graph) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : graph.path("nodes")) {
            List<String> lines = new ArrayList<>();
            if (n.hasNonNull("operation")) {
                lines.add(n.get("operation").asText());
            }
            if (n.path("shape").isArray()) {
                lines.add(shape(n.path("shape")));
            }
            nodes.add(new Node(n.path("id").asText(), Role.CONV, n.path("id").asText(), lines));
        }
        List<Edge> edges = new ArrayList<>();
        for (JsonNode e : graph.path("edges")) {
            edges.add(new Edge(e.path("from").asText(), e.path("to").asText(),
                    e.hasNonNull("label") ? e.get("label").asText() : null, EdgeKind.DATA));
        }
        return new ArchGraph(kind, title, nodes, edges);
    }

    /**
     * The NAS-Bench-201 cell of these values: nodes 0 (the cell's input) to 3 (its output), and on each edge
     * {@code j -> i} the operation {@code e_i_j}; an edge whose operation is {@code none} is drawn as absent.
     */
    public static ArchGraph nasBench201(String title, Map<String, String> values) {
        List<Node> nodes = List.of(
                new Node("n0", Role.INPUT, "node 0", List.of("cell input")),
                new Node("n1", Role.CELL_NODE, "node 1", List.of("sum of inputs")),
                new Node("n2", Role.CELL_NODE, "node 2", List.of("sum of inputs")),
                new Node("n3", Role.OUTPUT, "node 3", List.of("cell output")));
        List<Edge> edges = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            for (int j = 0; j < i; j++) {
                String op = values.get("e_" + i + "_" + j);
                if (op == null) {
                    throw new IllegalArgumentException("a NAS-Bench-201 cell needs e_" + i + "_" + j);
                }
                edges.add(new Edge("n" + j, "n" + i, op, "none".equals(op) ? EdgeKind.ABSENT : EdgeKind.DATA));
            }
        }
        return new ArchGraph("nas-bench-201", title, nodes, edges);
    }

    private static String shape(JsonNode shape) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.size(); i++) {
            b.append(i == 0 ? "" : " x ").append(shape.get(i).asText());
        }
        return b.toString();
    }
}
