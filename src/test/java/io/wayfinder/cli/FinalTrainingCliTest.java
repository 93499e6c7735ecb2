package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wayfinder.run.Json;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.service.FinalTrainingPlan;
import io.wayfinder.store.SqliteRunStore;
import io.wayfinder.task.ImageTaskData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's final training, for real: a tiny conv-net search on Fashion-MNIST (the Debian package; skipped when
 * absent), then its best configuration trained again on more images as a second run of the store.
 */
class FinalTrainingCliTest {
    @TempDir
    Path dir;

    private Path project(String finalTraining) throws Exception {
        Files.createDirectories(dir.resolve("spaces"));
        Files.copy(Path.of("sample-projects/spaces/zoph-le-convnet.json"), dir.resolve("spaces/zoph-le-convnet.json"));
        String text = Files.readString(Path.of("sample-projects/convnet-fashion-mnist.json"));
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.readTree(text, "sample");
        var settings = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("tasks").get(0).get("settings");
        settings.put("trainSize", 300).put("validationSize", 200).put("testSize", 200);
        if (finalTraining == null) {
            root.remove("finalTraining");
        } else {
            root.set("finalTraining", Json.readTree(finalTraining, "test"));
        }
        Path file = dir.resolve("p.json");
        Files.writeString(file, Json.pretty(root));
        return file;
    }

    @Test
    void theBestConfigurationOfTheSearchIsTrainedAgainWithTheBlocksSettings() throws Exception {
        assumeTrue(Files.isDirectory(ImageTaskData.FASHION_MNIST), "Fashion-MNIST is absent: apt-get install "
                + "dataset-fashion-mnist to run this test");
        Path file = project("{\"top\": 1, \"settings\": {\"trainSize\": 700, \"epochs\": 2}}");
        String store = dir.resolve("runs.db").toString();
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--trials", "3", "--seed", "4", "--store", store);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("3/3 trials").contains("final training on fashion-mnist: the best configuration"
                + " of run 1").contains("1/1 trials");

        try (SqliteRunStore s = SqliteRunStore.open(Path.of(store))) {
            List<RunRecord> runs = s.runs();
            assertThat(runs).hasSize(2);
            RunRecord fin = runs.stream().filter(r -> r.id() == 2).findFirst().orElseThrow();
            assertThat(fin.name()).isEqualTo("convnet-fashion-mnist-final");
            assertThat(fin.strategy()).isEqualTo("fixed");
            List<TrialRecord> search = s.trials(1);
            TrialRecord best = FinalTrainingPlan.best(search, 0, 1).get(0);
            assertThat(best.reward()).isEqualTo(search.stream().mapToDouble(TrialRecord::reward).max().orElseThrow());
            List<TrialRecord> retrained = s.trials(2);
            assertThat(retrained).hasSize(1);
            TrialRecord t = retrained.get(0);
            assertThat(t.status().name()).isEqualTo("COMPLETE");
            assertThat(Json.readTree(t.values(), "final")).isEqualTo(Json.readTree(best.values(), "best"));
            var details = Json.readTree(t.details(), "details");
            assertThat(details.get("trainImages").asInt()).isEqualTo(700);
            assertThat(details.get("epochs")).hasSize(2);
            assertThat(t.testMetric()).isBetween(0.2, 1.0);
            // the search's own trials kept their budget
            assertThat(Json.readTree(search.get(0).details(), "d").get("trainImages").asInt()).isEqualTo(300);
            assertThat(fin.projectJson()).contains("Final training of run 1's best configuration")
                    .doesNotContain("\"finalTraining\"");
        }
    }

    @Test
    void aBadSettingInTheBlockStopsTheRunBeforeItStartsAndWritesNothing() throws Exception {
        assumeTrue(Files.isDirectory(ImageTaskData.FASHION_MNIST), "Fashion-MNIST is absent");
        Path file = project("{\"settings\": {\"trainSize\": -5}}");
        Path store = dir.resolve("bad.db");
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--trials", "2", "--store", store.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("trainSize").contains("final training").doesNotContain("Exception");
        assertThat(store).doesNotExist();
    }

    @Test
    void anUnknownKeyOfTheBlockIsNamedWithItsPlace() throws Exception {
        Path file = project("{\"topp\": 2}");
        CliRunner.Result run = CliRunner.run("validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("$.finalTraining.topp").contains("did you mean 'top'");
    }
}
