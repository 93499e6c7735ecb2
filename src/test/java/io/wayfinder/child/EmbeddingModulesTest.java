package io.wayfinder.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.TestData;
import io.wayfinder.run.Json;
import io.wayfinder.project.Settings;
import io.wayfinder.task.TaskEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingModulesTest {
    @TempDir
    Path dir;

    private Path corpus(String extra) throws Exception {
        Path c = dir.resolve("data").resolve("tiny");
        Files.createDirectories(c);
        StringBuilder sb = new StringBuilder();
        String[] words = {"good", "bad", "movie", "film", "great", "awful", "plot", "actor", "the", "a", "was", "is"};
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            sb.append(i % 2 == 0 ? "pos" : "neg").append('\t');
            for (int k = 0; k < 12; k++) {
                sb.append(words[r.nextInt(words.length)]).append(' ');
            }
            sb.append(extra).append('\n');
        }
        Files.writeString(c.resolve("data.tsv"), sb.toString());
        return c;
    }

    private EmbeddingModules registry() {
        return new EmbeddingModules(new TaskEnvironment(dir.resolve("data"), null, dir.resolve("cache")),
                Settings.of("t", "$", Json.readTree("{\"embeddingCorpus\": [\"tiny\"], \"word2vecEpochs\": 1}", "s")));
    }

    private List<Path> cached() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("cache").resolve("embeddings"))) {
            return s.filter(p -> p.toString().endsWith(".txt.gz")).sorted().toList();
        }
    }

    @Test
    void word2vecModulesAreTrainedOnceCachedWithProvenanceAndRebuiltWhenTheCorpusChanges() throws Exception {
        corpus("");
        EmbeddingModule sg = registry().get("w2v-skipgram-50d");
        EmbeddingModule cbow = registry().get("w2v-cbow-50d");
        assertThat(sg.info().dimension()).isEqualTo(50);
        assertThat(sg.info().vocabularySize()).isGreaterThanOrEqualTo(10);
        assertThat(sg.info().training()).contains("skip-gram").contains("tiny");
        assertThat(cbow.info().training()).contains("CBOW");
        assertThat(cbow.info().contentHash()).isNotEqualTo(sg.info().contentHash());
        List<Path> files = cached();
        assertThat(files).hasSize(2);
        Path meta = Path.of(files.get(0).toString().replace(".txt.gz", ".json"));
        assertThat(Json.readTree(meta).get("corpus").get(0).get("id").asText()).isEqualTo("tiny");
        long modified = Files.getLastModifiedTime(files.get(1)).toMillis();

        EmbeddingModules.forgetLoaded();
        EmbeddingModule again = registry().get("w2v-skipgram-50d");
        assertThat(again.info().training()).endsWith("(cached)");
        assertThat(again.info().contentHash()).isEqualTo(sg.info().contentHash());
        assertThat(Files.getLastModifiedTime(files.get(1)).toMillis()).isEqualTo(modified);
        assertThat(cached()).hasSize(2);

        corpus("plus new words");
        EmbeddingModules.forgetLoaded();
        EmbeddingModule rebuilt = registry().get("w2v-skipgram-50d");
        assertThat(rebuilt.info().training()).doesNotContain("(cached)");
        assertThat(cached()).hasSize(3);
    }

    @Test
    void gloveModulesAtTwoVocabularySizesAndUserFiles() throws Exception {
        TestData.require("glove-6B-100d");
        Path user = dir.resolve("mine.txt");
        Files.writeString(user, "2 3\nhello 1 2 3\nworld 4 5 6\n");
        EmbeddingModules m = new EmbeddingModules(new TaskEnvironment(TestData.dataDirectory(), dir, dir.resolve("c")),
                Settings.of("t", "$", Json.readTree("{\"modules\": {\"mine\": \"" + user + "\"}}", "s")));
        EmbeddingModule small = m.get("glove-100d-20k");
        assertThat(small.info().vocabularySize()).isEqualTo(20_000);
        assertThat(small.info().dimension()).isEqualTo(100);
        assertThat(small.table().indexOf("the")).isZero();
        assertThat(m.get("glove-100d-20k")).isSameAs(small);
        EmbeddingModule mine = m.get("mine");
        assertThat(mine.info().vocabularySize()).isEqualTo(2);
        assertThat(mine.info().dimension()).isEqualTo(3);
        assertThat(m.names()).contains("glove-100d-100k", "w2v-cbow-100d", "mine");
        assertThatThrownBy(() -> m.get("elmo")).hasMessageContaining("no embedding module \"elmo\"");
    }
}
