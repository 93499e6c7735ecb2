package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.TestData;
import io.wayfinder.graph.ArchGraph;
import io.wayfinder.graph.Drawing;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.inspector.InspectorPane;
import io.wayfinder.ui.inspector.InspectorScreen;
import io.wayfinder.ui.inspector.TrialFacts;
import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real inspector headless (Monocle) on trials of real tiny runs: a conv net trained on Fashion-MNIST, a
 * NAS cell trained on Penn Treebank, NAS-Bench-201 cells (random search and AML), and two of them side by side.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorMonocleTest {
    private static Path store;
    private static long convRun = -1;
    private static long cellRun = -1;
    private static long randomRun = -1;
    private static long amlRun = -1;
    private static long textRun = -1;
    private MainWindowView view;
    private Stage stage;

    @BeforeAll
    static void createStore() throws Exception {
        store = Files.createTempDirectory("wayfinder-inspector").resolve("runs.db");
    }

    /** The runs are made on first use, so a test only waits for the training it needs. */
    private static synchronized void need(String what) throws Exception {
        try (RunStore s = RunStores.open(store)) {
            if (what.equals("conv") && convRun < 0) {
                org.junit.jupiter.api.Assumptions.assumeTrue(
                        Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")),
                        "Fashion-MNIST is absent");
                convRun = InspectorRuns.convNet(s);
            }
            if (what.equals("text") && textRun < 0) {
                textRun = InspectorRuns.text(s);
            }
            if (what.equals("cell") && cellRun < 0) {
                cellRun = InspectorRuns.cell(s);
            }
            if (what.equals("nb201") && randomRun < 0) {
                randomRun = InspectorRuns.nasBench201(s, "nas201-random.json", 40);
                amlRun = InspectorRuns.nasBench201(s, "nas201-aml-cifar100.json", 40);
            }
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        view = Workbench.open(stage, new Workbench.Options(null, store, TestData.dataDirectory(), store.getParent(),
                false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(10, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private static List<TrialRecord> trials(long run) {
        try (RunStore s = RunStores.open(store)) {
            return s.trials(run);
        }
    }

    private TrialFacts inspect(FxRobot robot, long run, int seq) throws Exception {
        robot.interact(() -> view.inspect(run, seq, false));
        InspectorPane a = view.inspector().paneA();
        await(() -> a.shown() != null && a.shown().trial().runId() == run && a.shown().trial().seq() == seq);
        return a.shown();
    }

    private static List<String> titles(Drawing d) {
        return d.boxes().stream().map(b -> b.node().title()).toList();
    }

    private static double recordedLogProbability(TrialRecord t) throws Exception {
        return Json.MAPPER.readTree(t.provenance()).get("proposalLogProbability").asDouble();
    }

    @Test
    void convNetTrialIsDrawnLayerByLayerWithItsFactsCurvesAndExports(FxRobot robot) throws Exception {
        need("conv");
        TrialRecord t = trials(convRun).stream().filter(x -> x.status() == TrialStatus.COMPLETE).findFirst()
                .orElseThrow();
        TrialFacts f = inspect(robot, convRun, t.seq());
        InspectorPane a = view.inspector().paneA();
        Drawing d = a.graph().drawing();
        var stored = Json.MAPPER.readTree(t.details()).get("graph");
        long convs = 0;
        for (var n : stored.get("nodes")) {
            if (n.get("op").asText().equals("conv")) {
                convs++;
                // each layer's box says its filter size, count and stride, as stored
                String title = "layer " + n.get("layer").asInt();
                Drawing.Box box = d.boxes().stream().filter(b -> b.node().title().equals(title)).findFirst()
                        .orElseThrow();
                assertThat(box.node().lines().get(0)).isEqualTo(n.get("filterHeight").asInt() + " x "
                        + n.get("filterWidth").asInt() + " conv, " + n.get("filters").asInt() + " filters");
                assertThat(box.node().lines().get(1)).startsWith("stride " + n.get("stride").asInt());
            }
        }
        assertThat(convs).isEqualTo(6);
        assertThat(d.boxes()).hasSize(stored.get("nodes").size());
        assertThat(d.arrows()).hasSize(stored.get("edges").size());
        assertThat(titles(d)).contains("image", "global avg pool", "softmax");
        assertThat(f.fact("Reward")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", t.reward()));
        assertThat(f.fact("Test")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", t.testMetric()));
        assertThat(f.fact("Duration")).matches("[0-9.]+ (s|ms)|\\d+ min \\d\\d s");
        assertThat(f.fact("Seed")).isEqualTo(Long.toString(t.seed()));
        assertThat(f.fact("provenance.strategy")).isEqualTo("aml");
        double lp = recordedLogProbability(t);
        assertThat(lp).isLessThan(0);
        assertThat(f.probability()).endsWith("recorded when sampled").contains(String.format(java.util.Locale.ROOT,
                "ln p = %.2f", lp));
        // per-epoch curves: two epochs of validation accuracy
        assertThat(f.curves()).anyMatch(c -> c.name().equals("validationAccuracy") && c.y().length == 2);
        Label header = robot.lookup("#inspectorA-header").queryAs(Label.class);
        assertThat(header.getText()).contains("trial #" + t.seq());
        // zoom and fit
        double fitted = a.graph().scale();
        robot.interact(() -> a.graph().zoom(2, 100, 100));
        assertThat(a.graph().scale()).isEqualTo(Math.min(6, fitted * 2), within(1e-9));
        robot.interact(() -> a.graph().fit());
        assertThat(a.graph().scale()).isEqualTo(fitted, within(1e-9));
        // exports from the same laid-out model
        Path dir = Files.createTempDirectory("inspector-export");
        robot.interact(() -> {
            try {
                a.exportTo("svg", dir.resolve("t.svg"));
                a.exportTo("dot", dir.resolve("t.dot"));
                a.exportTo("png", dir.resolve("t.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.readString(dir.resolve("t.svg"))).contains(">layer 5<").contains("class=\"node pad\"",
                "class=\"node concat\"").containsAnyOf("class=\"edge skip\"", "class=\"node conv\"");
        assertThat(Files.readString(dir.resolve("t.dot"))).startsWith("digraph \"convnet\"").contains("\"layer0\"");
        assertThat(javax.imageio.ImageIO.read(dir.resolve("t.png").toFile()).getWidth())
                .isEqualTo((int) Math.ceil(d.width() * 2));
    }

    @Test
    void cellTrialShowsItsTreeMemoryCellAndPerplexityCurve(FxRobot robot) throws Exception {
        need("cell");
        TrialRecord t = trials(cellRun).stream().filter(x -> x.status() == TrialStatus.COMPLETE).findFirst()
                .orElseThrow();
        TrialFacts f = inspect(robot, cellRun, t.seq());
        Drawing d = view.inspector().paneA().graph().drawing();
        assertThat(d.graph().kind()).isEqualTo("recurrent-cell");
        assertThat(titles(d)).contains("c(t-1)", "inject c(t-1)", "c(t)", "h(t)", "node 0", "node 14");
        var values = Json.MAPPER.readTree(t.values());
        int inject = values.get("cellInjectNode").asInt();
        int read = values.get("cellReadNode").asInt();
        // node i's box says its combination and activation, as sampled
        for (int i = 0; i < 15; i++) {
            String title = "node " + i;
            Drawing.Box box = d.boxes().stream().filter(b -> b.node().title().equals(title)).findFirst().orElseThrow();
            assertThat(box.node().lines()).endsWith(values.get("node[" + i + "].combination").asText(),
                    "-> " + values.get("node[" + i + "].activation").asText());
            assertThat(box.node().lines().contains("x(t), h(t-1)")).isEqualTo(i < 8);
        }
        assertThat(d.graph().edges()).anyMatch(e -> e.from().equals("node" + inject) && e.to().equals("inject"));
        assertThat(d.graph().edges()).anyMatch(e -> e.from().equals("node" + read) && e.to().equals("c_t")
                && e.kind() == ArchGraph.EdgeKind.MEMORY);
        assertThat(f.curves()).anyMatch(c -> c.name().equals("validPerplexityPerEpoch") && c.y().length == 2);
        assertThat(f.probability()).endsWith("recorded when sampled");
        assertThat(f.fact("Status")).isEqualTo("complete");
    }

    @Test
    void textChildTrialShowsItsTwoTowerConfigurationCard(FxRobot robot) throws Exception {
        need("text");
        TrialRecord t = trials(textRun).stream().filter(x -> x.status() == TrialStatus.COMPLETE).findFirst()
                .orElseThrow();
        TrialFacts f = inspect(robot, textRun, t.seq());
        // no graph for this child: the card takes the drawing's place
        assertThat(f.graph()).isEmpty();
        String id = view.inspector().paneA().getId();
        assertThat(robot.lookup("#" + id + "-cardTitle").queryAs(javafx.scene.control.Label.class).getText())
                .isEqualTo("Two-tower text child");
        var v = Json.MAPPER.readTree(t.values());
        java.util.function.Function<String, String> card = row -> robot.lookup("#" + id + "-card-" + row)
                .queryAs(javafx.scene.control.Label.class).getText();
        boolean deep = !v.get("deepRegularisation").asText().equals("off");
        boolean wide = !v.get("wideRegularisation").asText().equals("off");
        assertThat(deep || wide).isTrue();
        assertThat(card.apply("Deep-tower")).isEqualTo(deep ? "on" : "disabled");
        assertThat(card.apply("Wide-tower-bag-of-words-")).isEqualTo(wide ? "on" : "disabled");
        if (deep) {
            assertThat(card.apply("embedding-module")).isEqualTo("glove-100d-20k"
                    + (v.get("fineTune").asBoolean() ? ", fine-tuned" : ", frozen"));
            assertThat(card.apply("hidden-layers")).startsWith(v.get("hiddenLayers").asInt() + " x "
                    + v.get("hiddenSize").asInt() + " units, " + v.get("activation").asText());
            assertThat(card.apply("dropout")).isEqualTo(v.get("dropout").asText());
            assertThat(card.apply("regularisation-L2-")).isEqualTo(v.get("deepRegularisation").asText());
        }
        if (wide) {
            assertThat(card.apply("regularisation-L1-")).isEqualTo(v.get("wideRegularisation").asText());
        }
        assertThat(card.apply("Training-samples")).isEqualTo("1000");
        // the facts are the stored trial's: a real training of the two towers on sms-spam
        assertThat(t.validationMetric()).isBetween(0.5, 1.0);
        assertThat(f.fact("Reward")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", t.reward()));
        assertThat(f.fact("Test")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", t.testMetric()));
        assertThat(f.fact("Status")).isEqualTo("complete");
        if (deep) {
            assertThat(f.fact("embeddingModule")).isEqualTo("glove-100d-20k");
        }
        // random search samples each decision uniformly over the narrowed space: recorded when sampled
        double lp = 0;
        try (RunStore s = RunStores.open(store)) {
            for (var d : io.wayfinder.space.SearchSpaceCodec.parse(s.run(textRun).orElseThrow().spaceJson(), "run")
                    .flat()) {
                lp -= Math.log(d.size());
            }
        }
        assertThat(f.probability()).contains(String.format(java.util.Locale.ROOT, "(ln p = %.2f)", lp))
                .endsWith("recorded when sampled");
    }

    @Test
    void nasBench201CellIsDerivedFromTheConfiguration(FxRobot robot) throws Exception {
        need("nb201");
        TrialRecord t = trials(randomRun).get(7);
        TrialFacts f = inspect(robot, randomRun, t.seq());
        Drawing d = view.inspector().paneA().graph().drawing();
        assertThat(d.graph().kind()).isEqualTo("nas-bench-201");
        assertThat(titles(d)).containsExactly("node 0", "node 1", "node 2", "node 3");
        var values = Json.MAPPER.readTree(t.values());
        assertThat(d.arrows()).hasSize(6);
        for (Drawing.Arrow arrow : d.arrows()) {
            ArchGraph.Edge e = arrow.edge();
            String key = "e_" + e.to().substring(1) + "_" + e.from().substring(1);
            assertThat(e.label()).isEqualTo(values.get(key).asText());
            assertThat(e.kind() == ArchGraph.EdgeKind.ABSENT).isEqualTo("none".equals(e.label()));
        }
        // random search samples each of 6 edges uniformly from 5 operations: p = 5^-6, recorded at sampling
        assertThat(recordedLogProbability(t)).isEqualTo(-6 * Math.log(5), within(1e-9));
        assertThat(f.probability()).startsWith("p = 6.40e-05").endsWith("recorded when sampled");
        assertThat(f.curves()).isEmpty();
    }

    @Test
    void bestOfAmlBesideBestOfRandomSearchHighlightsTheirDifferences(FxRobot robot) throws Exception {
        need("nb201");
        robot.interact(() -> {
            view.inspect(randomRun, -1, false);
            view.inspect(amlRun, -1, true);
        });
        InspectorScreen screen = view.inspector();
        await(() -> screen.paneA().shown() != null && screen.paneB().shown() != null
                && screen.paneB().shown().trial().runId() == amlRun);
        TrialRecord bestRs = best(trials(randomRun));
        TrialRecord bestAml = best(trials(amlRun));
        assertThat(screen.paneA().shown().trial().id()).isEqualTo(bestRs.id());
        assertThat(screen.paneB().shown().trial().id()).isEqualTo(bestAml.id());
        var va = Json.MAPPER.readTree(bestRs.values());
        var vb = Json.MAPPER.readTree(bestAml.values());
        Set<String> differing = new TreeSet<>();
        Set<String> targets = new TreeSet<>();
        va.fieldNames().forEachRemaining(k -> {
            if (!va.get(k).equals(vb.get(k))) {
                differing.add(k);
                targets.add("n" + k.charAt(2));
            }
        });
        assertThat(screen.differences().getText()).startsWith(differing.size() + " of 6 decisions differ");
        // a node is marked when an edge into it carries another operation
        assertThat(screen.paneA().graph().highlighted()).isEqualTo(targets);
        assertThat(screen.paneB().graph().highlighted()).isEqualTo(targets);
    }

    @Test
    void trialTableRowOpensInTheSidePaneAndTheConfigurationHasATooltip(FxRobot robot) throws Exception {
        need("nb201");
        robot.interact(() -> view.model().openRun(randomRun));
        await(() -> view.dashboard() != null && view.dashboard().model().rows().size() == 40);
        robot.interact(() -> view.showScreen("trials"));
        TableView<?> table = robot.lookup("#trialTable").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().select(3));
        InspectorPane side = robot.lookup("#inspectorSide").queryAs(InspectorPane.class);
        Object row = table.getItems().get(3);
        int seq = ((io.wayfinder.ui.dashboard.TrialRow) row).seq();
        await(() -> side.shown() != null && side.shown().trial().seq() == seq);
        assertThat(side.graph().drawing().graph().kind()).isEqualTo("nas-bench-201");
        TableCell<?, ?> cell = robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTooltip() != null && c.getItem() != null).findFirst().orElseThrow();
        assertThat(cell.getTooltip().getText()).contains("e_1_0=").contains("\n");
    }

    @Test
    void clickingAPointOfTheRewardsChartShowsThatTrialBesideTheTable(FxRobot robot) throws Exception {
        need("nb201");
        robot.interact(() -> view.model().openRun(randomRun));
        await(() -> view.dashboard() != null && view.dashboard().model().rows().size() == 40);
        robot.interact(() -> view.showScreen("rewards"));
        io.fair_acc.chartfx.XYChart chart = robot.lookup("#rewardChart").queryAs(io.fair_acc.chartfx.XYChart.class);
        await(() -> chart.getWidth() > 0 && chart.getXAxis().getMax() >= 5);
        // the chart plots the task's trials in observation order, numbered from 1: point 5 is the fifth observed
        TrialRecord fifth = trials(randomRun).stream().filter(t -> t.observeOrder() >= 0)
                .sorted(Comparator.comparingInt(TrialRecord::observeOrder)).toList().get(4);
        io.fair_acc.chartfx.axes.Axis x = chart.getXAxis();
        io.fair_acc.chartfx.axes.Axis y = chart.getYAxis();
        double sx = ((javafx.scene.Node) x).localToScreen(x.getDisplayPosition(5), 0).getX();
        double sy = ((javafx.scene.Node) y).localToScreen(0, y.getDisplayPosition(fifth.reward())).getY();
        robot.clickOn(new javafx.geometry.Point2D(sx, sy));
        InspectorPane side = robot.lookup("#inspectorSide").queryAs(InspectorPane.class);
        await(() -> side.shown() != null && side.shown().trial().seq() == fifth.seq());
        assertThat(side.shown().fact("Reward")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f",
                fifth.reward()));
    }

    @Test
    void clickingALineOfALayerBlockInTheSpaceDiagramSelectsThatDecision(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.editor().model().load(TestData.samples().resolve("spaces/zoph-le-convnet.json"));
            view.showScreen("editor");
        });
        io.wayfinder.ui.common.GraphView diagram = view.editor().diagram();
        await(() -> diagram.drawing() != null && diagram.getWidth() > 0);
        assertThat(diagram.drawing().boxes()).hasSize(8);
        Drawing.Box layer3 = diagram.drawing().boxes().stream().filter(b -> b.node().id().equals("d0L3"))
                .findFirst().orElseThrow();
        // line 2 of the box (0-based: after the title) is the block's third decision, "filters"
        double y = layer3.y() + 6 + io.wayfinder.graph.Palette.LINE * 3.5;
        robot.interact(() -> view.editor().model().selectedProperty().set(null));
        javafx.geometry.Point2D p = diagram.screenPoint(layer3.x() + 20, y);
        robot.clickOn(p);
        await(() -> view.editor().model().selectedProperty().get() != null);
        assertThat(view.editor().model().selectedProperty().get())
                .isEqualTo(io.wayfinder.ui.editor.DecisionRef.inBlock(0, 2));
        assertThat(view.editor().model().selectedNode().get("name").asText()).isEqualTo("filters");
        assertThat(diagram.selected()).isEqualTo("d0L3");
        // an edit redraws the diagram: one more layer, one more box
        robot.interact(() -> view.editor().model().setCount(io.wayfinder.ui.editor.DecisionRef.top(0), 7));
        await(() -> diagram.drawing().boxes().size() == 9);
    }

    private static TrialRecord best(List<TrialRecord> all) {
        return all.stream().filter(x -> x.status() == TrialStatus.COMPLETE && x.task() == 0)
                .max(Comparator.comparingDouble(TrialRecord::reward).thenComparing(Comparator.comparingInt(
                        TrialRecord::seq).reversed())).orElseThrow();
    }
}
