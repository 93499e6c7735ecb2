package io.wayfinder.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyCoverageTest {
    private static TextExample text(String s) {
        return new TextExample(0, Tokenizer.tokens(s).toArray(String[]::new));
    }

    @Test
    void sharesOfTokensAndTypesAreCountedByHand() {
        // tokens: the cat sat on the mat ! | zzyzx zzyzx | the dog  -> 11 tokens, types {the,cat,sat,on,mat,!,zzyzx,dog}
        List<TextExample> xs = List.of(text("The cat sat on the mat!"), text("zzyzx ZZYZX"), text("the dog"));
        Set<String> vocabulary = Set.of("the", "cat", "on", "!");
        VocabularyCoverage c = VocabularyCoverage.of("train", xs, vocabulary::contains);
        assertThat(c.tokens()).isEqualTo(11);
        // missing tokens: sat, mat, zzyzx, zzyzx, dog
        assertThat(c.missingTokens()).isEqualTo(5);
        assertThat(c.tokenOov()).isCloseTo(5 / 11.0, within(1e-12));
        assertThat(c.types()).isEqualTo(8);
        assertThat(c.missingTypes()).isEqualTo(4);
        assertThat(c.typeOov()).isCloseTo(0.5, within(1e-12));
        // the second text has no covered token: a deep tower on this module sees nothing of it
        assertThat(c.emptyTexts()).isEqualTo(1);
        assertThat(c.texts()).isEqualTo(3);
    }

    @Test
    void anEmptySplitHasNoShare() {
        VocabularyCoverage c = VocabularyCoverage.of("test", List.of(), w -> true);
        assertThat(c.tokenOov()).isNaN();
        assertThat(c.typeOov()).isNaN();
    }

    @Test
    void aDataSetIsMeasuredPerSplitAgainstATable() {
        EmbeddingTable table = new EmbeddingTable(new String[]{"good", "bad"}, new float[4], 2);
        TextDataset d = new TextDataset("d", "h", List.of("a", "b"), List.of(text("good film"), text("bad")),
                List.of(text("good")), List.of(text("awful film")), "given");
        List<VocabularyCoverage> c = VocabularyCoverage.of(d, table);
        assertThat(c).extracting(VocabularyCoverage::split).containsExactly("train", "validation", "test");
        assertThat(c.get(0).tokenOov()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(c.get(1).tokenOov()).isZero();
        assertThat(c.get(2).tokenOov()).isEqualTo(1.0);
        assertThat(c.get(2).emptyTexts()).isEqualTo(1);
    }

    @Test
    void theMostFrequentMissingTokensComeFirst() {
        List<TextExample> xs = List.of(text("lol lol u u u the"), text("omg lol"));
        assertThat(VocabularyCoverage.mostFrequentMissing(xs, Set.of("the")::contains, 2)).containsExactly(
                new VocabularyCoverage.Missing("lol", 3), new VocabularyCoverage.Missing("u", 3));
    }
}
