package io.wayfinder.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.TestData;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.Json;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tiny real runs for the inspector's tests: a conv-net search on a Fashion-MNIST subset, a NAS-cell search on a
 * Penn Treebank slice (both really train, a few seconds per trial) and a NAS-Bench-201 random search.
 */
public final class InspectorRuns {
    private InspectorRuns() {
    }

    static Path fashionMnist() {
        Path p = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is absent: apt-get install dataset-fashion-mnist");
        return p;
    }

    /** Two AML conv-net trials: 64 training images, 2 epochs. */
    public static long convNet(RunStore store) throws InterruptedException {
        fashionMnist();
        Project p = ProjectCodec.read(TestData.samples().resolve("convnet-fashion-mnist.json"));
        TaskSpec t = p.tasks().get(0);
        ObjectNode s = Json.MAPPER.createObjectNode().put("trainSize", 64).put("validationSize", 32)
                .put("testSize", 32).put("splitSeed", 1).put("epochs", 2).put("batchSize", 32)
                .put("learningRate", 0.003).put("cubedReward", false).put("lastEpochs", 1).put("ndThreads", 1)
                .put("downsample", 2);
        p = p.withTasks(List.of(new TaskSpec(t.name(), t.kind(), t.data(), t.metric(),
                Settings.of("test", "$.tasks[0].settings", s)))).withTrialsPerTask(2);
        return run(store, p);
    }

    /** Two AML NAS-cell trials on a 3,000-token slice of Penn Treebank, 2 epochs. */
    public static long cell(RunStore store) throws InterruptedException {
        TestData.require("ptb/ptb.train.txt");
        Project p = ProjectCodec.read(TestData.samples().resolve("ptb-cell-aml.json"));
        TaskSpec t = p.tasks().get(0);
        ObjectNode s = Json.MAPPER.createObjectNode().put("trainTokens", 3000).put("validTokens", 1000)
                .put("testTokens", 1000).put("vocabulary", 300).put("hidden", 16).put("embedding", 8)
                .put("steps", 10).put("batch", 8).put("epochs", 2).put("learningRate", 0.01)
                .put("rewardConstant", 80);
        p = p.withTasks(List.of(new TaskSpec(t.name(), t.kind(), t.data(), t.metric(),
                Settings.of("test", "$.tasks[0].settings", s)))).withTrialsPerTask(2);
        return run(store, p);
    }

    /**
     * Two random-search trials of the two-tower text child on sms-spam (400 training and 200 evaluation messages,
     * 1,000 training samples), over the T-AML space narrowed to the GloVe 20k module so that no word2vec module has to
     * be trained first.
     */
    public static long text(RunStore store) throws Exception {
        return text(store, Json.MAPPER.createObjectNode().put("name", "random"), 2);
    }

    /** {@code trials} trials of the same small text task with this strategy block (a project file's JSON). */
    public static long text(RunStore store, ObjectNode strategy, int trials) throws Exception {
        TestData.require("sms-spam/data.tsv");
        TestData.require("glove-6B-100d");
        Path dir = Files.createTempDirectory("wayfinder-text");
        ObjectNode space = (ObjectNode) Json.readTree(Files.readString(TestData.samples().resolve(
                "spaces/taml-text.json")), "taml-text.json");
        for (var d : space.withArray("decisions")) {
            ObjectNode o = (ObjectNode) d;
            switch (o.get("name").asText()) {
                case "embedding" -> o.putArray("choices").add("glove-100d-20k");
                case "hiddenLayers" -> o.putArray("choices").add(1).add(2);
                case "hiddenSize" -> o.putArray("choices").add(16).add(32);
                case "trainingSamples" -> o.putArray("choices").add(1000);
                default -> { }
            }
        }
        Files.writeString(dir.resolve("space.json"), Json.MAPPER.writeValueAsString(space));
        ObjectNode project = (ObjectNode) Json.readTree(Files.readString(TestData.samples().resolve(
                "text-sms-spam-random.json")), "text-sms-spam-random.json");
        project.put("searchSpace", "space.json");
        ((ObjectNode) project.withArray("tasks").get(0)).putObject("settings").put("maxTrain", 400)
                .put("maxEval", 200);
        project.set("strategy", strategy);
        project.putObject("budget").put("trialsPerTask", trials);
        Files.writeString(dir.resolve("project.json"), Json.MAPPER.writeValueAsString(project));
        return run(store, ProjectCodec.read(dir.resolve("project.json")));
    }

    /** A NAS-Bench-201 random search (answered from the table). */
    public static long nasBench201(RunStore store, String sample, int trials) throws InterruptedException {
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        return run(store, ProjectCodec.read(TestData.samples().resolve(sample)).withTrialsPerTask(trials));
    }

    static long run(RunStore store, Project p) throws InterruptedException {
        Searches searches = new Searches(store, TestData.dataDirectory(),
                Path.of(System.getProperty("java.io.tmpdir"), "wayfinder-cache"));
        try (PreparedSearch s = searches.start(p)) {
            s.run(null, null);
            return s.runId();
        }
    }
}
