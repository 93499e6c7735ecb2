package io.wayfinder.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.child.ConvLayerSpec;
import io.wayfinder.child.ConvNetArchitecture;
import io.wayfinder.child.ConvNetPlan;
import io.wayfinder.child.cell.CellGraph;
import io.wayfinder.child.cell.CellSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DOT and SVG of a fixed conv net and a fixed recurrent cell, compared byte for byte with the files under
 * {@code src/test/resources/io/wayfinder/graph}. After an intended change, regenerate them with
 * {@code -Dwayfinder.golden.update=true} and look at the SVGs before committing.
 */
class ArchitectureDrawingGoldenTest {

    /** Six layers: 0 and 1 on the image, 2 reads 0 and 1 (1 is strided, so 0 is... both padded to match), skips. */
    static JsonNode fixedConvNet() {
        List<ConvLayerSpec> layers = List.of(
                new ConvLayerSpec(3, 3, 24, 1, List.of()),
                new ConvLayerSpec(5, 3, 36, 2, List.of()),
                new ConvLayerSpec(3, 5, 48, 1, List.of(0, 1)),
                new ConvLayerSpec(1, 1, 36, 1, List.of(2)),
                new ConvLayerSpec(7, 7, 24, 2, List.of(0, 3)),
                new ConvLayerSpec(3, 3, 64, 1, List.of(4)));
        return ConvNetPlan.of(new ConvNetArchitecture(layers), 28, 28, 1, 10).toJson();
    }

    static JsonNode fixedCell() {
        List<String> comb = List.of("add", "elem_mult", "add", "add", "elem_mult", "add", "add", "elem_mult",
                "add", "elem_mult", "add", "add", "add", "elem_mult", "add");
        List<String> act = List.of("tanh", "relu", "sigmoid", "identity", "tanh", "relu", "sigmoid", "tanh",
                "tanh", "relu", "identity", "sigmoid", "tanh", "relu", "tanh");
        return CellGraph.of(new CellSpec(comb, act, 10, "add", "tanh", 3), 64);
    }

    static ArchGraph convNet() {
        return ArchGraphs.fromStored("conv net (fixed, 6 layers)", fixedConvNet());
    }

    static ArchGraph cell() {
        return ArchGraphs.fromStored("NAS cell (fixed)", fixedCell());
    }

    @Test
    void convNetDotAndSvgMatchTheGoldenFiles() throws IOException {
        ArchGraph g = convNet();
        assertThat(g.edges()).anyMatch(e -> e.kind() == ArchGraph.EdgeKind.SKIP && e.from().equals("layer0"));
        assertThat(g.nodes()).anyMatch(n -> n.role() == ArchGraph.Role.PAD);
        assertThat(g.node("layer1").lines()).containsExactly("5 x 3 conv, 36 filters", "stride 2, BN, ReLU",
                "out 14 x 14 x 36");
        golden("convnet.dot", DotWriter.write(g));
        golden("convnet.svg", SvgWriter.write(GraphLayout.layout(g)));
    }

    @Test
    void cellDotAndSvgMatchTheGoldenFiles() throws IOException {
        ArchGraph g = cell();
        // node 10's output is replaced by the injection of c(t-1): its parent (node 13) reads the injection
        assertThat(g.edges()).anyMatch(e -> e.from().equals("inject") && e.to().equals("node13"));
        assertThat(g.edges()).noneMatch(e -> e.from().equals("node10") && e.to().equals("node13"));
        assertThat(g.edges()).anyMatch(e -> e.from().equals("node3") && e.to().equals("c_t")
                && e.kind() == ArchGraph.EdgeKind.MEMORY);
        golden("cell.dot", DotWriter.write(g));
        golden("cell.svg", SvgWriter.write(GraphLayout.layout(g)));
    }

    @Test
    void layoutPlacesEveryBoxWithoutOverlapAndRoutesEveryEdge() {
        for (ArchGraph g : List.of(convNet(), cell(), ArchGraphs.nasBench201("nb201", Map.of("e_1_0", "nor_conv_3x3",
                "e_2_0", "none", "e_2_1", "skip_connect", "e_3_0", "avg_pool_3x3", "e_3_1", "nor_conv_1x1",
                "e_3_2", "nor_conv_3x3")))) {
            Drawing d = GraphLayout.layout(g);
            assertThat(d.boxes()).hasSize(g.nodes().size());
            for (int i = 0; i < d.boxes().size(); i++) {
                Drawing.Box a = d.boxes().get(i);
                assertThat(a.x() + a.width()).isLessThanOrEqualTo(d.width());
                assertThat(a.y() + a.height()).isLessThanOrEqualTo(d.height());
                for (int j = i + 1; j < d.boxes().size(); j++) {
                    Drawing.Box b = d.boxes().get(j);
                    boolean overlap = a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                            && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
                    assertThat(overlap).as(a.node().id() + " and " + b.node().id()).isFalse();
                }
            }
            assertThat(d.arrows()).allMatch(a -> a.points().length >= 4);
        }
    }

    @Test
    void pngRendersHeadless(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("cell.png");
        PngWriter.write(GraphLayout.layout(cell()), 1.0, png);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        Drawing d = GraphLayout.layout(cell());
        assertThat(img.getWidth()).isEqualTo((int) Math.ceil(d.width()));
        // the memory-cell box is filled with its colour somewhere inside
        Drawing.Box inject = d.boxes().stream().filter(b -> b.node().id().equals("inject")).findFirst().orElseThrow();
        int rgb = img.getRGB((int) (inject.x() + inject.width() - 4), (int) (inject.y() + 24 + inject.height() - 4));
        assertThat(String.format("#%06x", rgb & 0xffffff)).isEqualTo(Palette.fill(ArchGraph.Role.MEMORY));
    }

    private static void golden(String name, String actual) throws IOException {
        Path source = Path.of("src/test/resources/io/wayfinder/graph", name);
        if (Boolean.getBoolean("wayfinder.golden.update")) {
            Files.writeString(source, actual);
        }
        String expected;
        try (InputStream in = ArchitectureDrawingGoldenTest.class.getResourceAsStream(name)) {
            expected = Files.exists(source) ? Files.readString(source)
                    : in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(expected).as("golden file " + source + " (regenerate with -Dwayfinder.golden.update=true)")
                .isNotNull();
        assertThat(actual).as("golden file " + source).isEqualTo(expected);
    }
}
