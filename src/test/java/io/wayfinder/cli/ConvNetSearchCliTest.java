package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.run.Json;
import io.wayfinder.store.SqliteRunStore;
import io.wayfinder.task.ImageTaskData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real, tiny conv-net search on Fashion-MNIST from the Debian package (skipped when the package is absent), then
 * {@code export --format dot}.
 */
class ConvNetSearchCliTest {
    @TempDir
    Path dir;

    @Test
    void tinySearchTrainsRealNetsStoresGraphsAndExportsDot() throws Exception {
        assumeTrue(Files.isDirectory(ImageTaskData.FASHION_MNIST), "Fashion-MNIST is absent: apt-get install "
                + "dataset-fashion-mnist to run this test");
        Files.createDirectories(dir.resolve("spaces"));
        Files.copy(Path.of("sample-projects/spaces/zoph-le-convnet.json"), dir.resolve("spaces/zoph-le-convnet.json"));
        String project = Files.readString(Path.of("sample-projects/convnet-fashion-mnist.json"))
                .replaceAll("(?s),\\s*\"finalTraining\": \\{.*?\\}\\s*\\}", "")
                .replace("\"trainSize\": 10000", "\"trainSize\": 300")
                .replace("\"validationSize\": 2000", "\"validationSize\": 200")
                .replace("\"testSize\": 2000", "\"testSize\": 200")
                .replace("\"epochs\": 1", "\"epochs\": 2");
        assertThat(project).doesNotContain("\"finalTraining\"").contains("\"trainSize\": 300");
        Path file = dir.resolve("p.json");
        Files.writeString(file, project);
        String store = dir.resolve("runs.db").toString();
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--trials", "2", "--seed", "3", "--store", store);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("2/2 trials");

        try (SqliteRunStore s = SqliteRunStore.open(Path.of(store))) {
            var trials = s.trials(1);
            assertThat(trials).hasSize(2);
            for (var t : trials) {
                assertThat(t.status().name()).isEqualTo("COMPLETE");
                // 10 classes: chance is 0.1; two epochs on 300 images must do clearly better
                assertThat(t.validationMetric()).isBetween(0.2, 1.0);
                assertThat(t.testMetric()).isBetween(0.2, 1.0);
                JsonNode details = Json.readTree(t.details(), "trial");
                assertThat(details.get("graph").get("nodes").size()).isGreaterThanOrEqualTo(9);
                assertThat(details.get("graph").get("nodes").get(0).get("shape").toString()).isEqualTo("[14,14,1]");
                assertThat(details.get("epochs")).hasSize(2);
                assertThat(details.get("parameters").asLong()).isPositive();
            }
        }

        Path out = dir.resolve("dot");
        CliRunner.Result export = CliRunner.run("export", "1", "--format", "dot", "--out", out.toString(),
                "--store", store);
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<Path> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("run1-trial0000-a1.dot", "run1-trial0001-a1.dot");
        String dot = Files.readString(files.get(0));
        assertThat(dot).startsWith("digraph \"run 1 trial 0").contains("\"image\" -> ").contains("-> \"output\";");

        CliRunner.Result noOut = CliRunner.run("export", "1", "--format", "dot", "--store", store);
        assertThat(noOut.exitCode()).isNotZero();
        assertThat(noOut.err()).contains("--out");
    }
}
