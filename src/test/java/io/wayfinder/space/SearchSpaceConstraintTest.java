package io.wayfinder.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.run.InputException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SearchSpaceConstraintTest {
    static final String TOY = """
            {"schemaVersion": 1, "name": "toy", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3]},
              {"name": "b", "choices": ["x", "y", "z"]},
              {"name": "c", "choices": [true, false]}],
             "constraints": [%s]}""";

    @Test
    void aForbiddenCombinationIsNotAllowedAndNotCounted() {
        SearchSpace s = SearchSpaceCodec.parse(TOY.formatted("{\"forbid\": {\"a\": 2, \"b\": \"y\"}, \"reason\": \"r\"}"), "toy");
        assertThat(s.unconstrainedCount()).isEqualTo(BigInteger.valueOf(24));
        assertThat(s.configurationCount()).isEqualTo(BigInteger.valueOf(22)); // a=2,b=y with c free: 2 forbidden
        assertThat(s.allows(new Configuration(new int[] {2, 1, 0}))).isFalse();
        assertThat(s.allows(new Configuration(new int[] {2, 0, 0}))).isTrue();
        assertThat(s.violated(new Configuration(new int[] {2, 1, 1})).reason()).isEqualTo("r");
    }

    @Test
    void overlappingConstraintsAreCountedByInclusionExclusion() {
        SearchSpace s = SearchSpaceCodec.parse(TOY.formatted(
                "{\"forbid\": {\"a\": 2, \"b\": \"y\"}}, {\"forbid\": {\"b\": \"y\", \"c\": true}}"), "toy");
        // brute force
        int allowed = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 2; c++) {
                    if (s.allows(new Configuration(new int[] {a, b, c}))) {
                        allowed++;
                    }
                }
            }
        }
        assertThat(s.configurationCount()).isEqualTo(BigInteger.valueOf(allowed)).isEqualTo(BigInteger.valueOf(19));
    }

    @Test
    void constraintsRoundTripThroughTheCanonicalFormAndChangeTheHash() {
        SearchSpace plain = SearchSpaceCodec.parse(TOY.formatted(""), "toy");
        SearchSpace s = SearchSpaceCodec.parse(TOY.formatted("{\"forbid\": {\"a\": 2, \"b\": \"y\"}, \"reason\": \"r\"}"), "toy");
        SearchSpace again = SearchSpaceCodec.parse(SearchSpaceCodec.write(s), "again");
        assertThat(again.constraints()).isEqualTo(s.constraints());
        assertThat(SearchSpaceCodec.hash(again)).isEqualTo(SearchSpaceCodec.hash(s)).isNotEqualTo(SearchSpaceCodec.hash(plain));
        assertThat(SearchSpaceCodec.write(plain)).doesNotContain("constraints");
    }

    @Test
    void badConstraintsNameThePlaceAndTheExpectation() {
        assertThatThrownBy(() -> SearchSpaceCodec.parse(TOY.formatted("{\"forbid\": {\"a\": 9, \"b\": \"y\"}}"), "toy.json"))
                .isInstanceOf(InputException.class).hasMessage("toy.json: $.constraints[0].forbid.a: one of the choices of a");
        assertThatThrownBy(() -> SearchSpaceCodec.parse(TOY.formatted("{\"forbid\": {\"nope\": 1, \"b\": \"y\"}}"), "toy.json"))
                .isInstanceOf(InputException.class).hasMessageContaining("$.constraints[0].forbid.nope");
        assertThatThrownBy(() -> SearchSpaceCodec.parse(TOY.formatted("{\"forbid\": {\"a\": 1}}"), "toy.json"))
                .isInstanceOf(InputException.class).hasMessageContaining("at least two decisions");
    }

    @Test
    void theTextSpaceForbidsDisablingBothTowers() {
        SearchSpace s = SearchSpaceCodec.read(Path.of("sample-projects/spaces/taml-text.json"));
        BigInteger others = s.unconstrainedCount().divide(BigInteger.valueOf(7 * 7));
        assertThat(s.configurationCount()).isEqualTo(s.unconstrainedCount().subtract(others));
        assertThat(s.constraints()).hasSize(1);
    }
}
