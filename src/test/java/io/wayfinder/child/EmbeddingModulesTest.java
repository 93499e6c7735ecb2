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

    private EmbeddingModules registry(String corpus, int epochs, Path cache) {
        return new EmbeddingModules(new TaskEnvironment(dir.resolve("data"), null, cache),
                Settings.of("t", "$", Json.readTree("{\"embeddingCorpus\": [\"" + corpus + "\"], \"word2vecEpochs\": "
                        + epochs + "}", "s")));
    }

    @Test
    void aModuleBuiltFromOtherCorporaOrSettingsIsAnotherModule() throws Exception {
        corpus("");
        Path other = dir.resolve("data").resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("data.tsv"), "pos\tgood film good plot\nneg\tbad film bad plot\n".repeat(50));
        Path cache = dir.resolve("cache");
        EmbeddingModules.Status tiny = registry("tiny", 1, cache).status("w2v-cbow-50d");
        EmbeddingModules.Status otherCorpus = registry("other", 1, cache).status("w2v-cbow-50d");
        EmbeddingModules.Status moreEpochs = registry("tiny", 2, cache).status("w2v-cbow-50d");
        assertThat(tiny.id()).matches("w2v-cbow-50d@[0-9a-f]{12}");
        assertThat(otherCorpus.id()).isNotEqualTo(tiny.id());
        assertThat(moreEpochs.id()).isNotEqualTo(tiny.id());
        assertThat(tiny.state()).isEqualTo("not built");
        assertThat(tiny.dimension()).isEqualTo(50);

        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8);
        EmbeddingModule built = registry("tiny", 1, cache).progress(id -> new ModuleBuildProgress(ps, false, id))
                .get("w2v-cbow-50d");
        assertThat(built.id()).isEqualTo(tiny.id());
        assertThat(registry("tiny", 1, cache).status("w2v-cbow-50d").state()).isEqualTo("built");
        assertThat(registry("other", 1, cache).status("w2v-cbow-50d").state()).isEqualTo("not built");
        String lines = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(lines).contains("module " + tiny.id() + ": reading corpus tiny")
                .contains("training epoch 1/1 done").contains("words/s").contains("finished");
        assertThat(lines).doesNotContain("\r");
        assertThat(Json.readTree(tiny.location().resolveSibling(tiny.location().getFileName().toString()
                .replace(".txt.gz", ".json"))).get("id").asText()).isEqualTo(tiny.id());
    }

    @Test
    void anUnwritableCacheFailsAtOnceNamingTheDirectory() throws Exception {
        corpus("");
        Path notADirectory = dir.resolve("cache-file");
        Files.writeString(notADirectory, "x");
        assertThatThrownBy(() -> registry("tiny", 1, notADirectory).get("w2v-cbow-50d"))
                .isInstanceOf(io.wayfinder.run.InputException.class)
                .hasMessageContaining(notADirectory.resolve("embeddings").toString())
                .hasMessageContaining("writable directory");
    }
}
