package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.graph.GraphDot;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conv-net wiring by the Zoph &amp; Le rules, checked on the plan and against Deeplearning4j's inferred shapes. */
class ConvNetPlanTest {
    static final SearchSpace SPACE = SearchSpaceCodec.read(Path.of("sample-projects/spaces/zoph-le-convnet.json"));

    /** A configuration: every layer 3x3, 24 filters, the given strides; {@code inputs[i]} lists layer i's sources. */
    static Configuration config(int[] strides, int[][] inputs) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (FlatDecision f : SPACE.flat()) {
            int i = f.layer();
            switch (f.decision()) {
                case "filterHeight", "filterWidth" -> v.put(f.path(), 3);
                case "filters" -> v.put(f.path(), 24 + 12 * (i % 2));
                case "stride" -> v.put(f.path(), strides[i]);
                default -> {
                    boolean on = false;
                    for (int s : inputs[i]) {
                        on |= s == f.source();
                    }
                    v.put(f.path(), on);
                }
            }
        }
        return SPACE.configuration(v);
    }

    static ConvNetPlan plan(Configuration c) {
        return ConvNetPlan.of(ConvNetArchitecture.from(SPACE, c), 28, 28, 1, 10);
    }

    static void assertMatchesDl4j(ConvNetPlan plan) {
        ComputationGraphConfiguration conf = ConvNetBuilder.configuration(plan, 7, 1e-3);
        Map<String, int[]> inferred = ConvNetBuilder.inferredShapes(plan, conf);
        for (ConvNetPlan.Node n : plan.nodes()) {
            assertThat(inferred.get(n.id())).as("shape of " + n.id())
                    .containsExactly(n.height(), n.width(), n.depth());
        }
    }

    @Test
    void chainWithoutSkipsFeedsEachLayerTheLastAndEndsOnTheLastLayer() {
        int[][] chain = {{}, {0}, {1}, {2}, {3}, {4}};
        ConvNetPlan p = plan(config(new int[] {1, 2, 1, 2, 1, 1}, chain));
        assertThat(p.layersOnImage()).containsExactly(0);
        assertThat(p.unconsumedLayers()).containsExactly(5);
        assertThat(p.nodes()).noneMatch(n -> n.op() == ConvNetPlan.Op.CONCAT || n.op() == ConvNetPlan.Op.ZERO_PAD);
        assertThat(p.node("layer1").height()).isEqualTo(14);
        assertThat(p.node("layer3").height()).isEqualTo(7);
        assertThat(p.node("pool").inputs()).containsExactly("layer5");
        assertThat(p.node("output").depth()).isEqualTo(10);
        assertMatchesDl4j(p);
    }

    @Test
    void layersWithNoChosenInputTakeTheImageAndAllOutputsMeetAtTheHead() {
        int[][] none = {{}, {}, {}, {}, {}, {}};
        ConvNetPlan p = plan(config(new int[] {1, 1, 1, 1, 1, 1}, none));
        assertThat(p.layersOnImage()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(p.unconsumedLayers()).containsExactly(0, 1, 2, 3, 4, 5);
        ConvNetPlan.Node head = p.node("concat_head");
        assertThat(head.depth()).isEqualTo(3 * 24 + 3 * 36);
        assertThat(p.node("pool").inputs()).containsExactly("concat_head");
        assertMatchesDl4j(p);
    }

    @Test
    void strideMismatchZeroPadsTheSmallerInputBeforeConcatenating() {
        // layer 0 stride 2 (14x14), layer 1 on the image stride 1 (28x28), layer 2 reads both
        int[][] in = {{}, {}, {0, 1}, {2}, {3}, {4}};
        ConvNetPlan p = plan(config(new int[] {2, 1, 1, 3, 1, 1}, in));
        ConvNetPlan.Node pad = p.node("pad_layer0_for_layer2");
        assertThat(pad.op()).isEqualTo(ConvNetPlan.Op.ZERO_PAD);
        assertThat(pad.padding()).containsExactly(7, 7, 7, 7);
        assertThat(new int[] {pad.height(), pad.width(), pad.depth()}).containsExactly(28, 28, 24);
        ConvNetPlan.Node concat = p.node("concat_layer2");
        assertThat(concat.inputs()).containsExactly("pad_layer0_for_layer2", "layer1");
        assertThat(concat.depth()).isEqualTo(24 + 36);
        assertThat(p.node("layer2").inputs()).containsExactly("concat_layer2");
        // stride 3 on 28 gives ceil(28/3) = 10
        assertThat(p.node("layer3").height()).isEqualTo(10);
        JsonNode g = p.toJson();
        assertThat(g.get("padded").get(0).get("from").toString()).isEqualTo("[14,14]");
        assertThat(g.get("padded").get(0).get("to").toString()).isEqualTo("[28,28]");
        assertThat(g.get("concatenated").get(0).get("node").asText()).isEqualTo("concat_layer2");
        assertMatchesDl4j(p);
    }

    @Test
    void unconsumedOutputsArePaddedAndConcatenatedBeforePooling() {
        // layer 1 (stride 2) and layer 3 are read by nobody; layer 5 is last
        int[][] in = {{}, {0}, {0}, {2}, {2}, {4}};
        ConvNetPlan p = plan(config(new int[] {1, 2, 1, 1, 2, 1}, in));
        assertThat(p.unconsumedLayers()).containsExactly(1, 3, 5);
        ConvNetPlan.Node head = p.node("concat_head");
        assertThat(head.height()).isEqualTo(28);
        assertThat(head.inputs()).containsExactly("pad_layer1_for_head", "layer3", "pad_layer5_for_head");
        assertThat(p.node("pad_layer5_for_head").padding()).containsExactly(7, 7, 7, 7);
        assertThat(head.depth()).isEqualTo(36 + 36 + 36);
        assertMatchesDl4j(p);
    }

    @Test
    void randomConfigurationsAgreeWithDl4jAndTrainOneStep() {
        Random r = new Random(5);
        List<ConvNetPlan> plans = new ArrayList<>();
        for (int k = 0; k < 25; k++) {
            int[] idx = new int[SPACE.flat().size()];
            for (FlatDecision f : SPACE.flat()) {
                idx[f.index()] = r.nextInt(f.size());
            }
            ConvNetPlan p = ConvNetPlan.of(ConvNetArchitecture.from(SPACE, new Configuration(idx)), 14, 14, 1, 10);
            assertMatchesDl4j(p);
            plans.add(p);
        }
        ConvNetTrainer.useFloat();
        ComputationGraph net = new ComputationGraph(ConvNetBuilder.configuration(plans.get(0), 3, 1e-3));
        net.init();
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 14, 14);
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i, 1f);
        }
        net.fit(new INDArray[] {x}, new INDArray[] {y});
        assertThat(Double.isFinite(net.score())).isTrue();
        assertThat(net.outputSingle(false, x).shape()).containsExactly(4, 10);
    }

    @Test
    void graphRendersAsDot() {
        int[][] in = {{}, {}, {0, 1}, {2}, {3}, {4}};
        ObjectNode g = plan(config(new int[] {2, 1, 1, 1, 1, 1}, in)).toJson();
        String dot = GraphDot.render("trial 3", g);
        assertThat(dot).startsWith("digraph \"trial 3\" {")
                .contains("\"image\" -> \"layer0\";")
                .contains("\"layer0\" -> \"pad_layer0_for_layer2\" [style=dashed];")
                .contains("\"concat_layer2\" -> \"layer2\";")
                .contains("\"pool\" -> \"output\";")
                .contains("28 x 28 x 60")
                .endsWith("}\n");
        assertThat(dot.lines().filter(l -> l.contains("->")).count()).isEqualTo(g.get("edges").size());
    }
}
