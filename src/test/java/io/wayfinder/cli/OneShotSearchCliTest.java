package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wayfinder.TestData;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.SqliteRunStore;
import io.wayfinder.task.ImageTaskData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot sample projects, shrunk to seconds, run end to end with {@code wayfinder run}: the super-network
 * really trains on Fashion-MNIST (Debian package), every trial is a derived cell scored by the NAS-Bench-201 table,
 * and the architecture weights (DARTS) or the controller's policy (ENAS) are stored as policy snapshots.
 */
class OneShotSearchCliTest {
    @TempDir
    Path dir;

    private Path shrunk(String sample) throws Exception {
        assumeTrue(Files.isDirectory(ImageTaskData.FASHION_MNIST), "Fashion-MNIST is absent: apt-get install "
                + "dataset-fashion-mnist to run this test");
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        Files.createDirectories(dir.resolve("spaces"));
        Files.copy(Path.of("sample-projects/spaces/nas-bench-201.json"), dir.resolve("spaces/nas-bench-201.json"));
        String project = Files.readString(Path.of("sample-projects", sample))
                .replace("\"trainSize\": 2000", "\"trainSize\": 64")
                .replace("\"validationSize\": 1000", "\"validationSize\": 64")
                .replace("\"batchSize\": 32", "\"batchSize\": 16, \"stepsPerEpoch\": 2")
                .replace("\"epochs\": 15", "\"epochs\": 2")
                .replace("\"controllerSteps\": 20", "\"controllerSteps\": 2")
                .replace("\"candidates\": 10", "\"candidates\": 2");
        Path file = dir.resolve(sample);
        Files.writeString(file, project);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"darts-fashion.json", "enas-fashion.json"})
    void aShrunkSampleSearchStoresDerivedCellsAndPolicySnapshots(String sample) throws Exception {
        Path file = shrunk(sample);
        String store = dir.resolve("runs.db").toString();
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--trials", "3", "--seed", "5", "--store",
                store, "--data", TestData.dataDirectory().toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("3/3 trials");
        try (SqliteRunStore s = SqliteRunStore.open(Path.of(store))) {
            List<TrialRecord> trials = s.trials(1);
            assertThat(trials).hasSize(3);
            for (TrialRecord t : trials) {
                assertThat(t.status().name()).isEqualTo("COMPLETE");
                // the NAS-Bench-201 table's cifar10 accuracy of the cell (10 to 95 percent, scaled by 0.01)
                assertThat(t.reward()).isBetween(0.09, 0.95);
            }
            // two search epochs, then the search is over and the last cell is repeated
            assertThat(trials.get(2).configuration()).isEqualTo(trials.get(1).configuration());
            List<PolicySnapshot> snaps = s.snapshots(1, 0, 0);
            assertThat(snaps).hasSize(3);
            for (PolicySnapshot p : snaps) {
                assertThat(p.probabilities()).hasNumberOfRows(6);
                for (float[] edge : p.probabilities()) {
                    double sum = 0;
                    for (float q : edge) {
                        sum += q;
                    }
                    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    /** The multitask sample shrunk: the tasks' retraining too (64 images, one epoch, no steps-per-epoch key). */
    private Path multitask() throws Exception {
        assumeTrue(Files.isDirectory(TestData.dataDirectory().resolve("mnist")), "the shared mnist data is absent");
        Path file = shrunk("enas-multitask.json");
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) io.wayfinder.run.Json.MAPPER.readTree(file.toFile());
        for (var t : root.withArray("tasks")) {
            var s = (com.fasterxml.jackson.databind.node.ObjectNode) t.get("settings");
            s.remove("stepsPerEpoch");
            s.put("batchSize", 16);
            s.put("testSize", 64);
            s.put("epochs", 1);
        }
        Files.writeString(file, io.wayfinder.run.Json.pretty(root));
        return file;
    }

    @Test
    void multitaskEnasSearchesMnistAndFashionMnistWithOneControllerAndSharedWeights() throws Exception {
        Path file = multitask();
        String store = dir.resolve("runs.db").toString();
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--trials", "2", "--seed", "5", "--store",
                store, "--data", TestData.dataDirectory().toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (SqliteRunStore s = SqliteRunStore.open(Path.of(store))) {
            List<TrialRecord> trials = s.trials(1);
            assertThat(trials).hasSize(4);
            for (TrialRecord t : trials) {
                assertThat(t.status().name()).isEqualTo("COMPLETE");
                // the cell retrained from scratch on its own task: a real accuracy of 64 validation images
                assertThat(t.validationMetric() * 64).isCloseTo(Math.rint(t.validationMetric() * 64),
                        org.assertj.core.data.Offset.offset(1e-6));
                assertThat(t.details()).contains("NB201 cell");
            }
            assertThat(trials.stream().map(TrialRecord::task).distinct().count()).isEqualTo(2);
            // one controller with an embedding per task: the task-similarity view has its embeddings
            assertThat(s.latestTaskEmbeddings(1).orElseThrow()).hasNumberOfRows(2);
            assertThat(s.snapshots(1, 0, 0)).isNotEmpty();
            assertThat(s.snapshots(1, 1, 0)).isNotEmpty();
        }
    }

    @Test
    void multitaskEnasNeedsOneDataEntryPerTask() throws Exception {
        Path file = multitask();
        Files.writeString(file, Files.readString(file).replaceFirst("\"taskData\": \\[\\s*\"/usr/share/datasets/fashion-mnist\",",
                "\"taskData\": [\"/usr/share/datasets/fashion-mnist\", \"/usr/share/datasets/fashion-mnist\","));
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--store", dir.resolve("bad.db").toString(),
                "--data", TestData.dataDirectory().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("$.strategy.settings.taskData").contains("one entry per task of the run (2)")
                .doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("bad.db"))).isFalse();
    }

    @Test
    void missingSuperNetworkDataIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path file = shrunk("darts-fashion.json");
        Files.writeString(file, Files.readString(file).replace("/usr/share/datasets/fashion-mnist",
                dir.resolve("no-such-dir").toString()));
        String store = dir.resolve("runs.db").toString();
        CliRunner.Result run = CliRunner.run("run", file.toString(), "--store", store, "--data",
                TestData.dataDirectory().toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("darts-fashion.json").contains("$.strategy.settings.data")
                .contains("no-such-dir").doesNotContain("\tat ");
        try (SqliteRunStore s = SqliteRunStore.open(Path.of(store))) {
            assertThat(s.runs()).isEmpty();
        }
    }
}
