package io.wayfinder.ui.inspector;

import io.wayfinder.graph.DotWriter;
import io.wayfinder.ui.common.GraphView;
import io.wayfinder.graph.Drawing;
import io.wayfinder.graph.GraphLayout;
import io.wayfinder.graph.PngWriter;
import io.wayfinder.graph.SvgWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * One trial in the inspector: its drawing (or a card of its configuration when it has no graph), its facts, its
 * configuration and its per-epoch curves; export of the drawing as SVG, PNG or DOT.
 */
public final class InspectorPane extends BorderPane {
    private final GraphView graph = new GraphView();
    private final StackPane drawingHolder = new StackPane();
    private final Label header = new Label("Select a trial: a row of the trial table, a point of the rewards chart, "
            + "or one of a task's best trials.");
    private final GridPane facts = new GridPane();
    private final GridPane values = new GridPane();
    private final VBox curves = new VBox(6);
    private final HBox actions = new HBox(6);
    private final Button exportSvg = new Button("SVG…");
    private final Button exportPng = new Button("PNG…");
    private final Button exportDot = new Button("DOT…");
    private TrialFacts shown;
    private final SplitPane split = new SplitPane();
    private ScrollPane scroll;
    private Set<String> differingValues = Set.of();

    /**
     * @param vertical drawing above the facts (the narrow pane beside the trial table) instead of beside them
     * @param id       a node id prefix for tests and styling ({@code inspectorA}, {@code inspectorSide}, ...)
     */
    public InspectorPane(boolean vertical, String id) {
        setId(id);
        getStyleClass().add("inspector");
        header.setId(id + "-header");
        header.getStyleClass().add("section");
        header.setWrapText(true);
        graph.setId(id + "-graph");
        facts.setId(id + "-facts");
        values.setId(id + "-values");
        facts.setHgap(10);
        facts.setVgap(2);
        values.setHgap(10);
        values.setVgap(2);
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Fit the drawing to the view (or double-click it); drag to pan, scroll to zoom"));
        fit.setOnAction(e -> graph.fit());
        Button zoomIn = new Button("+");
        zoomIn.setOnAction(e -> graph.zoom(1.25, graph.getWidth() / 2, graph.getHeight() / 2));
        Button zoomOut = new Button("−");
        zoomOut.setOnAction(e -> graph.zoom(1 / 1.25, graph.getWidth() / 2, graph.getHeight() / 2));
        exportSvg.setOnAction(e -> export("svg"));
        exportPng.setOnAction(e -> export("png"));
        exportDot.setOnAction(e -> export("dot"));
        Label export = new Label("Export:");
        javafx.scene.layout.FlowPane tools = new javafx.scene.layout.FlowPane(6, 4, fit, zoomIn, zoomOut, export,
                exportSvg, exportPng, exportDot, actions);
        export.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        tools.getStyleClass().add("toolbar-row");
        VBox top = new VBox(4, header, tools);
        top.setPadding(new Insets(4, 6, 4, 6));
        setTop(top);
        drawingHolder.getChildren().add(graph);
        drawingHolder.setMinSize(150, 150);
        VBox info = new VBox(8, section("Trial"), facts, section("Configuration"), values, section("Per-epoch curves"),
                curves);
        info.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(info);
        scroll.setFitToWidth(true);
        this.scroll = scroll;
        split.getItems().setAll(drawingHolder, scroll);
        setVertical(vertical);
        setCenter(split);
        show(null);
    }

    /** Drawing above the facts (true) or beside them. */
    public void setVertical(boolean vertical) {
        split.setOrientation(vertical ? Orientation.VERTICAL : Orientation.HORIZONTAL);
        split.setDividerPositions(vertical ? 0.55 : 0.66);
        scroll.setMinWidth(vertical ? 150 : 330);
        graph.fit();
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        return l;
    }

    /** Adds a button to the pane's toolbar (open in the inspector screen, compare, ...). */
    public Button addAction(String text, Consumer<TrialFacts> action) {
        Button b = new Button(text);
        b.setOnAction(e -> {
            if (shown != null) {
                action.accept(shown);
            }
        });
        b.setDisable(shown == null);
        actions.getChildren().add(b);
        return b;
    }

    /** Shows a trial (null: the empty state). */
    public void show(TrialFacts f) {
        shown = f;
        differingValues = Set.of();
        actions.getChildren().forEach(n -> n.setDisable(f == null));
        facts.getChildren().clear();
        values.getChildren().clear();
        curves.getChildren().clear();
        drawingHolder.getChildren().setAll(graph);
        exportSvg.setDisable(true);
        exportPng.setDisable(true);
        exportDot.setDisable(true);
        if (f == null) {
            header.setText("Select a trial: a row of the trial table, a point of the rewards chart, or one of a "
                    + "task's best trials.");
            graph.show(null);
            return;
        }
        header.setText(f.runLabel() + " · " + f.taskName() + " · trial #" + f.trial().seq());
        int row = 0;
        for (TrialFacts.Fact fact : f.facts()) {
            Label k = new Label(fact.label());
            k.getStyleClass().add("muted");
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label v = new Label(fact.value());
            v.setWrapText(true);
            v.setId(getId() + "-fact-" + fact.label().replaceAll("[^A-Za-z.]", ""));
            facts.addRow(row++, k, v);
        }
        fillValues();
        if (f.curves().isEmpty()) {
            curves.getChildren().add(new Label(f.trial().details() == null
                    ? "None stored: this trial was answered from a table (no training ran)."
                    : "None stored with this trial."));
        } else {
            for (TrialFacts.Curve c : f.curves()) {
                curves.getChildren().add(curveChart(c));
            }
        }
        if (f.graph().isPresent()) {
            graph.show(GraphLayout.layout(f.graph().get()));
            exportSvg.setDisable(false);
            exportPng.setDisable(false);
            exportDot.setDisable(false);
        } else {
            graph.show(null);
            drawingHolder.getChildren().setAll(card(f));
        }
    }

    private void fillValues() {
        values.getChildren().clear();
        int row = 0;
        for (var e : shown.values().entrySet()) {
            Label k = new Label(e.getKey());
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label v = new Label(e.getValue());
            if (differingValues.contains(e.getKey())) {
                k.getStyleClass().add("differs");
                v.getStyleClass().add("differs");
                k.setStyle("-fx-text-fill: #d93025; -fx-font-weight: bold;");
                v.setStyle("-fx-text-fill: #d93025; -fx-font-weight: bold;");
            }
            values.addRow(row++, k, v);
        }
    }

    /** A card of the configuration, for children without a graph (the two-tower text child). */
    private Pane card(TrialFacts f) {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(4);
        int row = 0;
        var text = TextChildCard.of(f.values());
        Label title = new Label(text.isPresent() ? "Two-tower text child" : "Child configuration");
        title.getStyleClass().add("section");
        title.setId(getId() + "-cardTitle");
        g.add(title, 0, row++, 2, 1);
        for (TextChildCard.Row r : text.orElse(java.util.List.of())) {
            boolean heading = !r.label().startsWith(" ");
            Label k = new Label(r.label().strip());
            k.getStyleClass().add(heading ? "section" : "muted");
            if (!heading) {
                k.setPadding(new Insets(0, 0, 0, 14));
            }
            Label v = new Label(r.value());
            boolean differs = r.keys().stream().anyMatch(differingValues::contains);
            v.setStyle("-fx-font-weight: bold;" + (differs ? " -fx-text-fill: #d93025;" : ""));
            v.setId(getId() + "-card-" + r.label().strip().replaceAll("[^A-Za-z0-9]+", "-"));
            g.addRow(row++, k, v);
        }
        for (var e : text.isPresent() ? java.util.Map.<String, String>of().entrySet() : f.values().entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("muted");
            Label v = new Label(e.getValue());
            v.setStyle("-fx-font-weight: bold;");
            if (differingValues.contains(e.getKey())) {
                v.setStyle("-fx-font-weight: bold; -fx-text-fill: #d93025;");
            }
            g.addRow(row++, k, v);
        }
        g.setPadding(new Insets(14));
        g.setStyle("-fx-background-color: #f8f9fa; -fx-border-color: #c0c4c8; -fx-border-radius: 6; "
                + "-fx-background-radius: 6;");
        g.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        g.setId(getId() + "-card");
        StackPane holder = new StackPane(g);
        holder.setPadding(new Insets(12));
        VBox.setVgrow(g, Priority.ALWAYS);
        return holder;
    }

    private static LineChart<Number, Number> curveChart(TrialFacts.Curve c) {
        NumberAxis x = new NumberAxis();
        x.setLabel("epoch");
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        x.setForceZeroInRange(false);
        x.setAutoRanging(false);
        x.setLowerBound(1);
        x.setUpperBound(Math.max(2, c.y().length));
        NumberAxis y = new NumberAxis();
        y.setLabel(c.name());
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(170);
        chart.setMinHeight(140);
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        for (int i = 0; i < c.y().length; i++) {
            if (!Double.isNaN(c.y()[i])) {
                s.getData().add(new XYChart.Data<>(i + 1, c.y()[i]));
            }
        }
        chart.getData().add(s);
        chart.setTitle(c.name());
        return chart;
    }

    /** Marks the differences from another trial: configuration values, and boxes its drawing lacks or differs in. */
    public void highlight(Set<String> values, Set<String> nodes) {
        differingValues = values;
        if (shown != null) {
            fillValues();
            if (shown.graph().isEmpty()) {
                drawingHolder.getChildren().setAll(card(shown));
            }
        }
        if (graph.drawing() != null) {
            graph.highlight(nodes);
        }
    }

    public TrialFacts shown() {
        return shown;
    }

    public GraphView graph() {
        return graph;
    }

    public Label header() {
        return header;
    }

    private void export(String format) {
        if (shown == null || shown.graph().isEmpty()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the drawing as " + format.toUpperCase(java.util.Locale.ROOT));
        chooser.setInitialFileName("trial-" + shown.trial().seq() + "." + format);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.toUpperCase(java.util.Locale.ROOT),
                "*." + format));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            exportTo(format, file.toPath());
        } catch (IOException ex) {
            new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                    "Could not write " + file + ": " + ex.getMessage()).showAndWait();
        }
    }

    /** Writes the shown drawing as {@code svg}, {@code png} or {@code dot}. */
    public void exportTo(String format, java.nio.file.Path file) throws IOException {
        Drawing d = GraphLayout.layout(shown.graph().orElseThrow());
        switch (format) {
            case "svg" -> Files.writeString(file, SvgWriter.write(d));
            case "png" -> PngWriter.write(d, 2.0, file);
            case "dot" -> Files.writeString(file, DotWriter.write(d.graph()));
            default -> throw new IllegalArgumentException("svg, png or dot, not " + format);
        }
    }
}
