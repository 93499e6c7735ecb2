package io.wayfinder.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.run.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpaceDiagramTest {
    @Test
    void zophLeSpaceDrawsOneBoxPerLayerAndEveryCandidateSkip() throws Exception {
        JsonNode space = Json.MAPPER.readTree(Path.of("sample-projects/spaces/zoph-le-convnet.json").toFile());
        ArchGraph g = SpaceDiagram.of(space);
        int layers = space.get("decisions").get(0).get("count").asInt();
        assertThat(g.nodes()).hasSize(layers + 2);
        assertThat(g.node("d0L0").lines()).first().asString().startsWith("filterHeight ∈ {1, 3, 5, 7}");
        // layer l may read any layer before l-1 besides its predecessor: sum of (l-1) for l >= 2
        long candidates = g.edges().stream().filter(e -> e.kind() == ArchGraph.EdgeKind.CANDIDATE).count();
        assertThat(candidates).isEqualTo((long) (layers - 1) * (layers - 2) / 2);
        assertThat(SpaceDiagram.decisionOf("d0L3", 2)).containsExactly(0, 2);
        assertThat(SpaceDiagram.decisionOf("d4", -1)).containsExactly(4, -1);
        assertThat(SpaceDiagram.decisionOf("input", -1)).isNull();
        Drawing d = GraphLayout.layout(g);
        assertThat(d.boxes()).hasSize(g.nodes().size());
    }

    @Test
    void halfEditedSpaceStillDraws() throws Exception {
        JsonNode space = Json.MAPPER.readTree("{\"name\":\"x\",\"decisions\":[{\"name\":\"a\",\"choices\":[]},"
                + "{\"type\":\"repeat\",\"name\":\"layer\",\"count\":2,\"decisions\":[{\"type\":\"skip\",\"name\":\"s\"}]}]}");
        ArchGraph g = SpaceDiagram.of(space);
        assertThat(g.node("d0").lines()).containsExactly("{ } (no choices yet)");
        assertThat(g.node("d1L1").lines()).containsExactly("s: skip from each earlier layer?");
    }
}
