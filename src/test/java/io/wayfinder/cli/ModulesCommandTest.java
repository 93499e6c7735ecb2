package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulesCommandTest {
    @TempDir
    Path dir;

    private Path data() throws Exception {
        Path c = dir.resolve("data").resolve("tiny");
        Files.createDirectories(c);
        StringBuilder sb = new StringBuilder();
        String[] words = {"good", "bad", "movie", "film", "great", "awful", "plot", "actor", "the", "a"};
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 300; i++) {
            sb.append(i % 2 == 0 ? "pos" : "neg").append('\t');
            for (int k = 0; k < 10; k++) {
                sb.append(words[r.nextInt(words.length)]).append(' ');
            }
            sb.append('\n');
        }
        Files.writeString(c.resolve("data.tsv"), sb.toString());
        return dir.resolve("data");
    }

    @Test
    void listShowsIdsAndStatesAndBuildTrainsOnceWithProgress() throws Exception {
        Path data = data();
        Path cache = dir.resolve("cache");
        String[] common = {"--data", data.toString(), "--cache", cache.toString(), "--corpus", "tiny", "--epochs", "1"};
        CliRunner.Result list = CliRunner.run(concat(new String[] {"modules", "list"}, common));
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern("w2v-cbow-50d +w2v-cbow-50d@[0-9a-f]{12} +50 +not built +"
                + java.util.regex.Pattern.quote(cache.toString()));
        assertThat(list.out()).contains("glove-100d-20k");

        CliRunner.Result build = CliRunner.run(concat(new String[] {"modules", "build", "w2v-cbow-50d"}, common));
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.out()).contains("training epoch 1/1").contains("words/s")
                .containsPattern("built w2v-cbow-50d@[0-9a-f]{12}: 10 words x 50");
        assertThat(CliRunner.run(concat(new String[] {"modules", "list"}, common)).out())
                .containsPattern("w2v-cbow-50d +w2v-cbow-50d@[0-9a-f]{12} +50 +built ");

        CliRunner.Result again = CliRunner.run(concat(new String[] {"modules", "build", "w2v-cbow-50d"}, common));
        assertThat(again.out()).contains("loaded w2v-cbow-50d@").doesNotContain("training epoch");
    }

    @Test
    void anUnknownModuleOrAnUnwritableCacheIsOneLineAndExitTwoWithNothingWritten() throws Exception {
        Path data = data();
        Path cache = dir.resolve("cache");
        CliRunner.Result unknown = CliRunner.run("modules", "build", "w2v-cbow-50d", "elmo", "--data", data.toString(),
                "--cache", cache.toString(), "--corpus", "tiny");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).doesNotContain("\n").startsWith("error: no embedding module \"elmo\"");
        assertThat(cache).doesNotExist();

        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        CliRunner.Result unwritable = CliRunner.run("modules", "build", "w2v-cbow-50d", "--data", data.toString(),
                "--cache", file.toString(), "--corpus", "tiny");
        assertThat(unwritable.exitCode()).isEqualTo(2);
        assertThat(unwritable.err().strip()).doesNotContain("\n").contains(file.toString()).contains("writable");
        assertThat(unwritable.out()).doesNotContain("training");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void oovReportsTheSharesOfTokensAndTypesEachModuleMissesPerSplit() throws Exception {
        io.wayfinder.TestData.require("sms-spam/data.tsv");
        io.wayfinder.TestData.require("glove-6B-100d");
        Path data = io.wayfinder.TestData.dataDirectory();
        Path cache = dir.resolve("cache");
        Path project = dir.resolve("project.json");
        Files.copy(io.wayfinder.TestData.samples().resolve("spaces/taml-text.json"), dir.resolve("space.json"));
        Files.writeString(project, """
                {"schemaVersion": 1, "name": "oov", "searchSpace": "space.json",
                 "tasks": [{"name": "spam", "kind": "text", "data": "sms-spam", "metric": "accuracy",
                            "settings": {"embeddingCorpus": ["sms-spam"], "word2vecEpochs": 1}}],
                 "strategy": {"name": "random"}, "budget": {"trialsPerTask": 1}, "seed": 1}
                """);
        CliRunner.Result r = CliRunner.run("modules", "oov", project.toString(), "--modules",
                "glove-100d-20k,w2v-cbow-50d", "--data", data.toString(), "--cache", cache.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // the same figures as the coverage function on the loaded splits and the GloVe table
        var settings = io.wayfinder.project.ProjectCodec.read(project).tasks().get(0).settings();
        var ds = io.wayfinder.task.TextTaskLoader.load(data.resolve("sms-spam"), settings);
        var glove = io.wayfinder.task.EmbeddingTable.read(data.resolve(
                io.wayfinder.child.EmbeddingModules.GLOVE_FILE), 20_000);
        var c = io.wayfinder.task.VocabularyCoverage.of(ds, glove);
        java.util.function.DoubleFunction<String> pct = x -> String.format(java.util.Locale.ROOT, "%.1f", 100 * x);
        assertThat(r.out()).contains("| spam | glove-100d-20k | 20,000 | " + pct.apply(c.get(0).tokenOov()) + " / "
                + pct.apply(c.get(1).tokenOov()) + " / " + pct.apply(c.get(2).tokenOov()) + " | "
                + pct.apply(c.get(0).typeOov()) + " / " + pct.apply(c.get(1).typeOov()) + " / "
                + pct.apply(c.get(2).typeOov()) + " | ");
        assertThat(c.get(2).tokenOov()).isBetween(0.01, 0.5);
        assertThat(c.get(2).typeOov()).isGreaterThan(c.get(2).tokenOov()); // rare words are the missing ones
        // the word2vec module was built (once, with progress) from the task's own training split: it misses
        // fewer training tokens than test tokens
        assertThat(r.out()).containsPattern("module w2v-cbow-50d@[0-9a-f]{12}: built,");
        String w2v = r.out().lines().filter(l -> l.startsWith("| spam | w2v-cbow-50d@")).findFirst().orElseThrow();
        String[] tokens = w2v.split("\\|")[4].strip().split(" / ");
        assertThat(Double.parseDouble(tokens[0])).isLessThan(Double.parseDouble(tokens[2]));
        assertThat(r.out()).contains("Test-split tokens out of vocabulary").contains("| spam | "
                + pct.apply(c.get(2).tokenOov()) + " (" + pct.apply(c.get(2).typeOov()) + ") |");

        // an unknown module: one line, exit 2
        CliRunner.Result bad = CliRunner.run("modules", "oov", project.toString(), "--modules", "glove-300d",
                "--data", data.toString(), "--cache", cache.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("glove-300d").doesNotContain("\n");
    }
}
