package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.TestData;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.SqliteRunStore;
import io.wayfinder.task.ImageTaskData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining found cells from scratch: strategy {@code fixed} proposes the listed NAS-Bench-201 cells in turn, task
 * kind {@code nb201-cell} really trains each on Fashion-MNIST (shrunk to 64 images and one epoch here).
 */
class Nb201CellRetrainCliTest {
    static final String CONV = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    static final String FREE = "|skip_connect~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|";

    @TempDir
    Path dir;

    private Path project(List<String> cells) throws Exception {
        assumeTrue(Files.isDirectory(ImageTaskData.FASHION_MNIST), "Fashion-MNIST is absent: apt-get install "
                + "dataset-fashion-mnist to run this test");
        Files.createDirectories(dir.resolve("spaces"));
        Files.copy(Path.of("sample-projects/spaces/nas-bench-201.json"), dir.resolve("spaces/nas-bench-201.json"));
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(
                Path.of("sample-projects/nb201-cell-fashion-retrain.json").toFile());
        ObjectNode s = (ObjectNode) root.withArray("tasks").get(0).get("settings");
        s.put("trainSize", 64);
        s.put("validationSize", 64);
        s.put("testSize", 64);
        s.put("batchSize", 16);
        s.put("epochs", 1);
        var list = ((ObjectNode) root.get("strategy").get("settings")).putArray("configurations");
        cells.forEach(list::add);
        Path file = dir.resolve("retrain.json");
        Files.writeString(file, Json.pretty(root));
        return file;
    }

    @Test
    void fixedCellsAreTrainedFromScratchInTurnEachTrialWithItsOwnSeed() throws Exception {
        Path file = project(List.of(CONV, FREE));
        String store = dir.resolve("runs.db").toString();
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--trials", "3", "--store", store);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (SqliteRunStore s = SqliteRunStore.open(Path.of(store))) {
            List<TrialRecord> t = s.trials(1);
            assertThat(t).hasSize(3);
            assertThat(t.get(0).configuration()).containsExactly(3, 3, 3, 3, 3, 3);
            assertThat(t.get(1).configuration()).containsExactly(1, 0, 4, 1, 0, 4);
            assertThat(t.get(2).configuration()).containsExactly(3, 3, 3, 3, 3, 3);
            for (TrialRecord r : t) {
                assertThat(r.status().name()).isEqualTo("COMPLETE");
                // accuracies of 64 real images, from the cell's own training
                assertThat(r.validationMetric() * 64).isCloseTo(Math.rint(r.validationMetric() * 64),
                        org.assertj.core.data.Offset.offset(1e-6));
                assertThat(r.testMetric()).isBetween(0.0, 1.0);
                assertThat(Json.MAPPER.readTree(r.details()).get("cpuSeconds").asDouble()).isPositive();
            }
            // six 3x3 convolutions of 8x8 channels vs none: the parameter-free cell keeps only stem and head
            long conv = Json.MAPPER.readTree(t.get(0).details()).get("parameters").asLong();
            long free = Json.MAPPER.readTree(t.get(1).details()).get("parameters").asLong();
            assertThat(conv - free).isEqualTo(2L * 6 * 3 * 3 * 8 * 8);
            // the same cell again is another training (another trial seed)
            assertThat(t.get(2).seed()).isNotEqualTo(t.get(0).seed());
            assertThat(Json.MAPPER.readTree(t.get(2).details()).get("finalTrainLoss").asDouble())
                    .isNotEqualTo(Json.MAPPER.readTree(t.get(0).details()).get("finalTrainLoss").asDouble());
        }
    }

    @Test
    void aCellThatIsNotNasBench201NotationIsRefusedNamingItsPlace() throws Exception {
        Path file = project(List.of(CONV, "|nor_conv_3x3~0|+|nor_conv_3x3~1|"));
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--store", dir.resolve("bad.db").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("$.strategy.settings.configurations[1]").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("bad.db"))).isFalse();
    }
}
