package io.wayfinder.child;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The wiring of a Zoph &amp; Le conv net, computed without Deeplearning4j so it can be checked and drawn: nodes in
 * topological order with their output shapes. The paper's rules (Zoph &amp; Le 2017, section 3.3; METHOD.md section 9):
 * <ul>
 *   <li>layer 0, and any layer with no chosen input, takes the image;</li>
 *   <li>several inputs are concatenated in depth; spatially smaller ones are zero-padded (centred) to the largest;</li>
 *   <li>each layer is a convolution with 'same' padding and its stride, then batch norm and ReLU;</li>
 *   <li>every layer output no later layer consumed is concatenated (padded likewise) before global average pooling
 *   and the softmax output.</li>
 * </ul>
 * A convolution's output is {@code ceil(size / stride)} in each direction ('same' mode).
 *
 * @param nodes the nodes in topological order; the first is the image, the last the softmax output
 */
public record ConvNetPlan(List<Node> nodes) {

    /** What a node computes. */
    public enum Op { INPUT, CONV, ZERO_PAD, CONCAT, GLOBAL_AVG_POOL, SOFTMAX }

    /**
     * One node.
     *
     * @param id      unique name, also the Deeplearning4j vertex name of its output
     * @param op      the operation
     * @param inputs  ids of the nodes it reads
     * @param height  output height
     * @param width   output width
     * @param depth   output depth (channels; classes for the output)
     * @param layer   the conv layer it belongs to (its index), or -1
     * @param conv    the layer's settings for a {@link Op#CONV} node, else null
     * @param padding top, bottom, left, right for a {@link Op#ZERO_PAD} node, else null
     */
    public record Node(String id, Op op, List<String> inputs, int height, int width, int depth, int layer,
                       ConvLayerSpec conv, int[] padding) {
        public Node {
            inputs = List.copyOf(inputs);
        }

        /** A short human description of the operation. */
        public String operation() {
            return switch (op) {
                case INPUT -> "image";
                case CONV -> "conv " + conv.filterHeight() + "x" + conv.filterWidth() + ", " + conv.filters()
                        + " filters, stride " + conv.stride() + ", batch norm, ReLU";
                case ZERO_PAD -> "zero pad (top " + padding[0] + ", bottom " + padding[1] + ", left " + padding[2]
                        + ", right " + padding[3] + ")";
                case CONCAT -> "concatenate in depth";
                case GLOBAL_AVG_POOL -> "global average pooling";
                case SOFTMAX -> "dense, softmax over " + depth + " classes";
            };
        }
    }

    public static final String IMAGE = "image";
    public static final String OUTPUT = "output";

    public ConvNetPlan {
        nodes = List.copyOf(nodes);
    }

    /** The id of layer {@code i}'s output node. */
    public static String layerId(int i) {
        return "layer" + i;
    }

    /** Plans the net for images of {@code height x width x channels} and {@code classes} classes. */
    public static ConvNetPlan of(ConvNetArchitecture architecture, int height, int width, int channels, int classes) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node(IMAGE, Op.INPUT, List.of(), height, width, channels, -1, null, null));
        List<ConvLayerSpec> layers = architecture.layers();
        Node[] outputs = new Node[layers.size()];
        boolean[] consumed = new boolean[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            ConvLayerSpec spec = layers.get(i);
            Node in;
            if (spec.inputs().isEmpty()) {
                in = nodes.get(0);
            } else {
                List<Node> sources = new ArrayList<>();
                for (int s : spec.inputs()) {
                    consumed[s] = true;
                    sources.add(outputs[s]);
                }
                in = merge(sources, layerId(i), i, nodes);
            }
            int h = (in.height() + spec.stride() - 1) / spec.stride();
            int w = (in.width() + spec.stride() - 1) / spec.stride();
            outputs[i] = new Node(layerId(i), Op.CONV, List.of(in.id()), h, w, spec.filters(), i, spec, null);
            nodes.add(outputs[i]);
        }
        List<Node> open = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!consumed[i]) {
                open.add(outputs[i]);
            }
        }
        Node top = merge(open, "head", -1, nodes);
        Node pool = new Node("pool", Op.GLOBAL_AVG_POOL, List.of(top.id()), 1, 1, top.depth(), -1, null, null);
        nodes.add(pool);
        nodes.add(new Node(OUTPUT, Op.SOFTMAX, List.of(pool.id()), 1, 1, classes, -1, null, null));
        return new ConvNetPlan(nodes);
    }

    /** One source as is; several padded to the largest height and width, then concatenated in depth. */
    private static Node merge(List<Node> sources, String target, int layer, List<Node> nodes) {
        if (sources.size() == 1) {
            return sources.get(0);
        }
        int maxH = 0;
        int maxW = 0;
        int depth = 0;
        for (Node s : sources) {
            maxH = Math.max(maxH, s.height());
            maxW = Math.max(maxW, s.width());
            depth += s.depth();
        }
        List<String> ids = new ArrayList<>();
        for (Node s : sources) {
            if (s.height() == maxH && s.width() == maxW) {
                ids.add(s.id());
                continue;
            }
            int dh = maxH - s.height();
            int dw = maxW - s.width();
            int[] pad = {dh / 2, dh - dh / 2, dw / 2, dw - dw / 2};
            Node p = new Node("pad_" + s.id() + "_for_" + target, Op.ZERO_PAD, List.of(s.id()), maxH, maxW,
                    s.depth(), layer, null, pad);
            nodes.add(p);
            ids.add(p.id());
        }
        Node concat = new Node("concat_" + target, Op.CONCAT, ids, maxH, maxW, depth, layer, null, null);
        nodes.add(concat);
        return concat;
    }

    public Node node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node " + id);
    }

    /** The layers whose outputs feed the final concatenation (consumed by no later layer). */
    public List<Integer> unconsumedLayers() {
        Node head = node(node("pool").inputs().get(0));
        List<Integer> out = new ArrayList<>();
        List<String> ids = head.op() == Op.CONCAT ? head.inputs() : List.of(head.id());
        for (String id : ids) {
            Node n = node(id);
            if (n.op() == Op.ZERO_PAD) {
                n = node(n.inputs().get(0));
            }
            out.add(n.layer());
        }
        Collections.sort(out);
        return out;
    }

    /** The layers that take the image directly. */
    public List<Integer> layersOnImage() {
        List<Integer> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.op() == Op.CONV && n.inputs().get(0).equals(IMAGE)) {
                out.add(n.layer());
            }
        }
        return out;
    }

    /**
     * The graph description stored with a trial ({@code details.graph}): {@code nodes} (id, operation, op, shape
     * [h, w, c], layer; a convolution also filterHeight, filterWidth, filters, stride), {@code edges} (from, to),
     * {@code concatenated} (node, inputs) and {@code padded} (node,
     * input, from [h, w], to [h, w], padding [top, bottom, left, right]), {@code unconsumed} (layer indices fed to the
     * head), {@code imageInputs} (layers that read the image).
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode g = f.objectNode();
        g.put("kind", "convnet");
        ArrayNode ns = g.putArray("nodes");
        ArrayNode es = g.putArray("edges");
        ArrayNode concatenated = g.putArray("concatenated");
        ArrayNode padded = g.putArray("padded");
        for (Node n : nodes) {
            ObjectNode o = ns.addObject();
            o.put("id", n.id());
            o.put("op", n.op().name().toLowerCase());
            o.put("operation", n.operation());
            ArrayNode shape = o.putArray("shape");
            shape.add(n.height()).add(n.width()).add(n.depth());
            if (n.layer() >= 0) {
                o.put("layer", n.layer());
            }
            if (n.conv() != null) {
                o.put("filterHeight", n.conv().filterHeight()).put("filterWidth", n.conv().filterWidth())
                        .put("filters", n.conv().filters()).put("stride", n.conv().stride());
            }
            for (String in : n.inputs()) {
                es.addObject().put("from", in).put("to", n.id());
            }
            if (n.op() == Op.CONCAT) {
                ObjectNode c = concatenated.addObject();
                c.put("node", n.id());
                ArrayNode ins = c.putArray("inputs");
                n.inputs().forEach(ins::add);
            } else if (n.op() == Op.ZERO_PAD) {
                Node src = node(n.inputs().get(0));
                ObjectNode p = padded.addObject();
                p.put("node", n.id());
                p.put("input", src.id());
                p.putArray("from").add(src.height()).add(src.width());
                p.putArray("to").add(n.height()).add(n.width());
                ArrayNode pad = p.putArray("padding");
                for (int x : n.padding()) {
                    pad.add(x);
                }
            }
        }
        ArrayNode un = g.putArray("unconsumed");
        unconsumedLayers().forEach(un::add);
        ArrayNode img = g.putArray("imageInputs");
        layersOnImage().forEach(img::add);
        return g;
    }
}
