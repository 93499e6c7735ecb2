package io.wayfinder.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.TestData;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.project.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTaskLoaderTest {
    @TempDir
    Path dir;

    static Settings settings(String json) {
        return Settings.of("p.json", "$.tasks[0].settings", Json.readTree(json, "settings"));
    }

    private Path folder(String name, String data) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f);
        Files.writeString(f.resolve("data.tsv"), data);
        return f;
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i % 3 == 0 ? "none" : String.valueOf(1 + i % 9)).append('\t').append("Text number ").append(i)
                    .append(", it's GREAT!\n");
        }
        return sb.toString();
    }

    @Test
    void aLineWithoutATabNamesFileAndLine() throws Exception {
        Path f = folder("bad", "pos\tfine text\nneg\tanother\nthis line has no tab\n");
        assertThatThrownBy(() -> TextTaskLoader.load(f, Settings.empty()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(f.resolve("data.tsv").toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("label<TAB>text");
    }

    @Test
    void anEmptyTextOrLabelNamesTheLine() throws Exception {
        Path f = folder("empty", "pos\tfine\n\tno label here\n");
        assertThatThrownBy(() -> TextTaskLoader.load(f, Settings.empty())).hasMessageContaining("line 2")
                .hasMessageContaining("a label");
        Path g = folder("notext", "pos\tfine\nneg\t   \n");
        assertThatThrownBy(() -> TextTaskLoader.load(g, Settings.empty())).hasMessageContaining("line 2")
                .hasMessageContaining("text after the tab");
    }

    @Test
    void aMissingFolderSaysWhatIsExpected() {
        assertThatThrownBy(() -> TextTaskLoader.load(dir.resolve("nope"), Settings.empty()))
                .isInstanceOf(InputException.class).hasMessageContaining("data.tsv");
    }

    @Test
    void tokensAreLowerCasedWithRareCharactersStripped() {
        assertThat(Tokenizer.tokens("It's GREAT!! see http://x.y/z #win :-)"))
                .containsExactly("it's", "great", "!", "!", "see", "http", "x", "y", "z", "win");
    }

    @Test
    void relevanceAndPositivityMappings() throws Exception {
        Path f = folder("econ", rows(300));
        TextDataset rel = TextTaskLoader.load(f, settings("{\"labelMapping\": \"relevance\"}"));
        assertThat(rel.classes()).containsExactly("irrelevant", "relevant");
        assertThat(rel.id()).isEqualTo("econ/relevance");
        assertThat(rel.train().size() + rel.validation().size() + rel.test().size()).isEqualTo(300);
        TextDataset pos = TextTaskLoader.load(f, settings("{\"labelMapping\": \"positivity\"}"));
        assertThat(pos.classes()).doesNotContain("none").contains("2", "9");
        assertThat(pos.train().size() + pos.validation().size() + pos.test().size()).isEqualTo(200);
        assertThat(pos.hash()).isNotEqualTo(rel.hash());
        TextDataset explicit = TextTaskLoader.load(f, settings("{\"labels\": {\"none\": \"n\", \"*\": \"y\"}}"));
        assertThat(explicit.classes()).containsExactly("n", "y");
        assertThatThrownBy(() -> TextTaskLoader.load(f, settings("{\"labelMapping\": \"colour\"}")))
                .hasMessageContaining("$.tasks[0].settings.labelMapping");
    }

    @Test
    void theRandomSplitIsEightyTenTenAndDeterministicPerSeed() throws Exception {
        Path f = folder("split", rows(1000));
        TextDataset a = TextTaskLoader.load(f, Settings.empty());
        TextDataset b = TextTaskLoader.load(f, Settings.empty());
        TextDataset c = TextTaskLoader.load(f, settings("{\"splitSeed\": 7}"));
        assertThat(a.train()).hasSize(800);
        assertThat(a.validation()).hasSize(100);
        assertThat(a.test()).hasSize(100);
        assertThat(a.split()).contains("seed 0");
        assertThat(texts(a.train())).isEqualTo(texts(b.train()));
        assertThat(a.hash()).isEqualTo(b.hash());
        assertThat(texts(c.train())).isNotEqualTo(texts(a.train()));
        assertThat(c.hash()).isNotEqualTo(a.hash());
    }

    @Test
    void groupedSplitsKeepGroupsTogether() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int doc = 0; doc < 50; doc++) {
            for (int s = 0; s < 10; s++) {
                sb.append(doc % 2 == 0 ? "a" : "b").append("\tdoc").append(doc).append(" sentence ").append(s).append('\n');
            }
        }
        TextDataset d = TextTaskLoader.load(folder("docs", sb.toString()), settings("{\"groupLines\": 10}"));
        List<String> train = texts(d.train()).stream().map(t -> t.split(" ")[0]).distinct().toList();
        List<String> test = texts(d.test()).stream().map(t -> t.split(" ")[0]).distinct().toList();
        assertThat(train).doesNotContainAnyElementsOf(test);
        assertThat(d.train()).hasSize(400);
    }

    @Test
    void givenSplitsAreKept() {
        Path sst2 = TestData.require("sst2");
        TextDataset d = TextTaskLoader.load(sst2, Settings.empty());
        assertThat(d.train()).hasSize(6920);
        assertThat(d.validation()).hasSize(872);
        assertThat(d.test()).hasSize(1821);
        assertThat(d.split()).isEqualTo("given train/dev/test");
        TextDataset trec = TextTaskLoader.load(TestData.require("trec"), Settings.empty());
        assertThat(trec.test()).hasSize(500);
        assertThat(trec.train().size() + trec.validation().size()).isEqualTo(5452);
    }

    @Test
    void embeddingTablesReadGloveAndWord2vecTextAndNameBadLines() throws Exception {
        Path glove = dir.resolve("g.txt");
        Files.writeString(glove, "the 0.1 0.2 0.3\ncat 1 2 3\n");
        EmbeddingTable g = EmbeddingTable.read(glove, 0);
        assertThat(g.size()).isEqualTo(2);
        assertThat(g.dimension()).isEqualTo(3);
        assertThat(g.vector(g.indexOf("cat"))).containsExactly(1f, 2f, 3f);
        Path w2v = dir.resolve("w.txt.gz");
        g.write(w2v);
        EmbeddingTable back = EmbeddingTable.read(w2v, 0);
        assertThat(back.contentHash()).isEqualTo(g.contentHash());
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "the 0.1 0.2 0.3\ncat 1 2\n");
        assertThatThrownBy(() -> EmbeddingTable.read(bad, 0)).hasMessageContaining("bad.txt")
                .hasMessageContaining("line 2");
        Files.writeString(bad, "the 0.1 x 0.3\n");
        assertThatThrownBy(() -> EmbeddingTable.read(bad, 0)).hasMessageContaining("line 1, number 2");
    }

    private static List<String> texts(List<TextExample> xs) {
        return xs.stream().map(e -> String.join(" ", Arrays.asList(e.tokens()))).toList();
    }
}
