package io.wayfinder.child.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.TestData;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.run.Rng;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.LanguageModelCorpus;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TrialContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelEvaluatorTest {
    static final SearchSpace SPACE = SearchSpaceCodec.read(Path.of("sample-projects/spaces/nas-cell.json"));

    @TempDir
    Path dir;

    @Test
    void innerNodesCombineTheirTwoChildrenUpToTheRoot() {
        assertThat(CellSpec.children(8)).containsExactly(0, 1);
        assertThat(CellSpec.children(11)).containsExactly(6, 7);
        assertThat(CellSpec.children(12)).containsExactly(8, 9);
        assertThat(CellSpec.children(13)).containsExactly(10, 11);
        assertThat(CellSpec.children(14)).containsExactly(12, 13);
    }

    @Test
    void aSampledCellTrainsAndCarriesItsGraph() throws Exception {
        Path ptb = TestData.require("ptb/ptb.train.txt").getParent();
        var settings = Json.MAPPER.createObjectNode().put("trainTokens", 3000).put("validTokens", 1000)
                .put("testTokens", 1000).put("vocabulary", 300).put("hidden", 16).put("embedding", 8)
                .put("steps", 10).put("batch", 8).put("epochs", 1);
        TaskSpec task = new TaskSpec("ptb", "language-model", ptb.toString(), "80/perplexity^2",
                Settings.of("p.json", "$.tasks[0].settings", settings));
        Rng rng = new Rng(3);
        int[] sizes = SPACE.slotSizes();
        int[] pick = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            pick[i] = rng.nextInt(sizes[i]);
        }
        // tanh everywhere keeps this test's cell from diverging
        for (var d : SPACE.flat()) {
            if (d.path().endsWith("activation") || d.path().equals("cellInjectActivation")) {
                pick[d.index()] = d.choices().stream().map(c -> String.valueOf(c.value())).toList().indexOf("tanh");
            }
        }
        try (var evaluator = new LanguageModelEvaluator.Provider().create(task,
                new TaskEnvironment(dir, dir, dir))) {
            Evaluation e = evaluator.evaluate(new TrialContext(SPACE, new Configuration(pick), task, 11, 0, () -> false));
            double ppl = e.details().get("validPerplexity").asDouble();
            assertThat(ppl).isGreaterThan(1).isLessThan(300 * 1.5);
            assertThat(e.reward()).isEqualTo(80 / (ppl * ppl));
            assertThat(e.details().get("graph").get("nodes")).hasSize(3 + 15 + 1 + 2);
            assertThat(e.details().get("graph").get("edges").toString()).contains("\"to\":\"c_t\"");
            assertThat(io.wayfinder.graph.GraphDot.render("cell", e.details().get("graph"))).contains("-> tanh").contains("\"c_prev\" -> \"inject\"");
            assertThat(evaluator.datasetId()).startsWith("ptb/train3000");
            assertThat(evaluator.datasetHash()).hasSize(64);
        }
    }

    @Test
    void aMissingCorpusFileNamesTheFileAndWhatIsExpected() throws Exception {
        Files.writeString(dir.resolve("ptb.train.txt"), "a b c\nd e f\n");
        assertThatThrownBy(() -> LanguageModelCorpus.read(dir, 100, 100, 100, 50))
                .isInstanceOf(InputException.class).hasMessageContaining("ptb.valid.txt")
                .hasMessageContaining("Penn Treebank");
    }

    @Test
    void theVocabularyKeepsTheMostFrequentTrainingWordsAndMapsTheRestToUnk() throws Exception {
        Files.writeString(dir.resolve("ptb.train.txt"), "a a a b b c\n");
        Files.writeString(dir.resolve("ptb.valid.txt"), "a z\n");
        Files.writeString(dir.resolve("ptb.test.txt"), "b c\n");
        LanguageModelCorpus c = LanguageModelCorpus.read(dir, 100, 100, 100, 4);
        assertThat(c.vocabulary()).containsExactly("<unk>", "<eos>", "a", "b");
        assertThat(c.valid()).containsExactly(2, 0, 1);
        assertThat(c.test()).containsExactly(3, 0, 1);
    }
}
