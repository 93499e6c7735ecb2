package io.wayfinder.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.TestData;
import io.wayfinder.run.InputException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchSpaceCodecTest {

    private static SearchSpace sample(String name) {
        return SearchSpaceCodec.read(TestData.samples().resolve("spaces").resolve(name));
    }

    @Test
    void nasBench201SpaceHas15625Cells() {
        assertThat(sample("nas-bench-201.json").configurationCount()).isEqualTo(BigInteger.valueOf(15_625));
    }

    @Test
    void tamlTextSpaceCountIsTheProductOfItsTwelveDecisionsLessTheBothTowersOffCombinations() {
        SearchSpace s = sample("taml-text.json");
        assertThat(s.decisions()).hasSize(12);
        long expected = 6L * 2 * 5 * 6 * 2 * 3 * 9 * 8 * 7 * 8 * 7 * 7;
        assertThat(s.unconstrainedCount()).isEqualTo(BigInteger.valueOf(expected));
        assertThat(s.configurationCount()).isEqualTo(BigInteger.valueOf(expected - expected / 49));
        assertThat(s.slot("deepRegularisation").choices().get(6).label()).isEqualTo("disable deep tower");
    }

    @Test
    void convNetSpaceExpandsLayersAndOneSkipSlotPerEarlierLayer() {
        SearchSpace s = sample("zoph-le-convnet.json");
        // 6 layers x 4 categorical slots + skips 0+1+2+3+4+5
        assertThat(s.flat()).hasSize(6 * 4 + 15);
        assertThat(s.slot("layer[3].inputs[1]").kind()).isEqualTo(FlatDecision.Kind.SKIP);
        assertThat(s.slot("layer[3].inputs[1]").source()).isEqualTo(1);
        assertThat(s.slot("layer[3].inputs[1]").layer()).isEqualTo(3);
        assertThat(s.hasSlot("layer[0].inputs[0]")).isFalse();
        assertThat(s.anchors()).hasSize(6);
        assertThat(s.anchors().get(0).slotCount()).isZero();
        AnchorPoint a3 = s.anchors().get(3);
        assertThat(s.flat().get(a3.firstSlot()).path()).isEqualTo("layer[3].inputs[0]");
        // 4^4 per layer (heights, widths, filters) x 3 strides, times 2^15 skip patterns
        BigInteger perLayer = BigInteger.valueOf(4 * 4 * 4 * 3);
        assertThat(s.configurationCount()).isEqualTo(perLayer.pow(6).multiply(BigInteger.TWO.pow(15)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nas-bench-201.json", "taml-text.json", "zoph-le-convnet.json", "nas-cell.json"})
    void sampleFilesRoundTripByteForByte(String name) throws Exception {
        Path file = TestData.samples().resolve("spaces").resolve(name);
        String text = Files.readString(file);
        assertThat(SearchSpaceCodec.write(SearchSpaceCodec.parse(text, name))).isEqualTo(text);
    }

    @Test
    void valuesAndConfigurationAreInverse() {
        SearchSpace s = sample("taml-text.json");
        Configuration c = new Configuration(new int[] {1, 0, 2, 3, 1, 2, 4, 5, 6, 0, 3, 2});
        Map<String, Object> values = s.values(c);
        assertThat(values.get("deepRegularisation")).isEqualTo("off");
        assertThat(values.get("dropout")).isEqualTo(0.2);
        assertThat(s.configuration(values)).isEqualTo(c);
    }

    @Test
    void hashIgnoresFormattingButNotContent() {
        SearchSpace a = SearchSpaceCodec.parse("{\"schemaVersion\":1,\"name\":\"x\",\"decisions\":[{\"name\":\"a\","
                + "\"choices\":[1,2]}]}", "a");
        SearchSpace b = SearchSpaceCodec.parse("{\n \"schemaVersion\": 1, \"name\": \"x\",\n \"decisions\": [ {"
                + "\"name\": \"a\", \"choices\": [ 1, 2 ] } ] }", "b");
        SearchSpace c = SearchSpaceCodec.parse("{\"schemaVersion\":1,\"name\":\"x\",\"decisions\":[{\"name\":\"a\","
                + "\"choices\":[1,3]}]}", "c");
        assertThat(SearchSpaceCodec.hash(a)).isEqualTo(SearchSpaceCodec.hash(b)).isNotEqualTo(SearchSpaceCodec.hash(c));
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
        assertThatThrownBy(() -> SearchSpaceCodec.parse("{\n  \"name\": \"x\",\n  \"decisions\": [ oops ]\n}", "bad.json"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("bad.json: line 3, column")
                .hasMessageContaining("well-formed JSON");
    }

    @Test
    void everyProblemIsReportedWithItsJsonPath() {
        String json = """
                {"schemaVersion": 1, "name": "broken", "colour": "red",
                 "decisions": [
                   {"name": "a", "choices": []},
                   {"name": "a", "choices": [1, 2]},
                   {"name": "b", "choices": [1, [2]]},
                   {"name": "c", "choices": "x"},
                   {"type": "skip", "name": "s"},
                   {"type": "repeat", "name": "layer", "count": 0, "decisions": [{"name": "f", "choices": [1]}]},
                   {"type": "wheel", "name": "w"}
                 ]}""";
        List<InputException.Problem> problems = SearchSpaceCodec.problems(
                io.wayfinder.run.Json.readTree(json, "s.json"), "s.json");
        assertThat(problems).extracting(InputException.Problem::place).containsExactly(
                "$.colour", "$.decisions[0].choices", "$.decisions[1].name", "$.decisions[2].choices[1]",
                "$.decisions[3].choices", "$.decisions[4]", "$.decisions[5].count", "$.decisions[6].type");
        assertThat(problems.get(0).expected()).contains("no field \"colour\"");
        assertThat(problems.get(1).expected()).contains("at least one choice");
        assertThat(problems.get(2).expected()).contains("unique decision name").contains("\"a\"");
        assertThat(problems.get(3).expected()).contains("a string, number or boolean, found a list");
        assertThat(problems.get(4).expected()).contains("a list of choices, found text \"x\"");
        assertThat(problems.get(5).expected()).contains("only inside a repeat block");
        assertThat(problems).allSatisfy(p -> assertThat(p.source()).isEqualTo("s.json"));
    }

    @Test
    void wrongSchemaVersionIsRejected() {
        assertThatThrownBy(() -> SearchSpaceCodec.parse("{\"schemaVersion\":7,\"name\":\"x\",\"decisions\":"
                + "[{\"name\":\"a\",\"choices\":[1]}]}", "v.json"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("v.json: $.schemaVersion: schema version 1, found 7");
    }

    @Test
    void duplicateChoicesAreRejectedEvenAcrossNumberTypes() {
        assertThatThrownBy(() -> SearchSpaceCodec.parse("{\"schemaVersion\":1,\"name\":\"x\",\"decisions\":"
                + "[{\"name\":\"a\",\"choices\":[1, 1.0]}]}", "d.json"))
                .hasMessageContaining("$.decisions[0].choices[1]: distinct choices");
    }

    @Test
    void unknownConfigurationValueNamesTheDecision() {
        SearchSpace s = sample("nas-bench-201.json");
        Map<String, Object> values = new java.util.LinkedHashMap<>(s.values(new Configuration(new int[6])));
        values.put("e_2_1", "conv_9x9");
        assertThatThrownBy(() -> s.configuration(values)).hasMessageContaining("e_2_1 has no choice conv_9x9");
    }
}
