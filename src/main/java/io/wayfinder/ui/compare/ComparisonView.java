package io.wayfinder.ui.compare;

import io.wayfinder.metrics.Comparison;
import io.wayfinder.report.ComparisonReport;
import io.wayfinder.report.ComparisonTables;
import io.wayfinder.report.Plot;
import io.wayfinder.report.PngCanvas;
import io.wayfinder.report.SvgCanvas;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The comparison screen: per task the validation and test accuracy-topN figures (median over seeds, +-2 s.e.m. band,
 * RS's level at T, where each strategy reaches it), then the paper's Table 2 and Table 3 with the best of each row in
 * bold. N, T and the test budget are settable; every figure saves as PNG / SVG, every table as CSV / Markdown, the
 * whole comparison as a report. Double-click a strategy's cell to open its best trial.
 */
public final class ComparisonView {
    private final ComparisonViewModel model;
    private final BorderPane root = new BorderPane();
    private final VBox figureBox = new VBox(10);
    private final TableView<List<String>> table2 = new TableView<>();
    private final TableView<List<String>> table3 = new TableView<>();
    private final Label table2Title = new Label();
    private final Label table3Title = new Label();
    private final TableView<List<String>> references = new TableView<>();
    private final Label referencesTitle = new Label(ComparisonTables.referencesTitle());
    private final Label missingReferences = new Label();
    private final ScrollPane figureScroll = new ScrollPane();

    public ComparisonView(ComparisonViewModel model) {
        this.model = model;
        build();
    }

    public Parent root() {
        return root;
    }

    public ComparisonViewModel model() {
        return model;
    }

    public TableView<List<String>> table2() {
        return table2;
    }

    public TableView<List<String>> table3() {
        return table3;
    }

    /** The stored references (linear baselines) of the compared text tasks. */
    public TableView<List<String>> references() {
        return references;
    }

    /** What to run for compared text tasks without a stored reference. */
    public Label missingReferences() {
        return missingReferences;
    }

    /** The figures shown, validation then test per task. */
    public List<PlotView> plots() {
        return figureBox.getChildren().stream().filter(n -> n instanceof HBox)
                .flatMap(n -> ((HBox) n).getChildren().stream()).filter(n -> n instanceof PlotView)
                .map(n -> (PlotView) n).toList();
    }

    private void build() {
        root.getStyleClass().add("comparison");
        Label title = new Label("Comparison");
        title.getStyleClass().add("view-title");
        Spinner<Integer> n = new Spinner<>(1, 100, model.topNProperty().get());
        n.setId("compareTopN");
        n.setPrefWidth(75);
        n.setEditable(true);
        n.valueProperty().addListener((o, a, b) -> model.topNProperty().set(b));
        TextField t = budgetField("compareT", "RS's trials", model.rsBudgetProperty());
        TextField at = budgetField("compareAt", "= T", model.testBudgetProperty());
        Button export = new Button("Export report…");
        export.setId("exportReport");
        export.disableProperty().bind(model.tableProperty().isNull());
        export.setOnAction(e -> exportReport());
        Label status = new Label();
        status.setId("compareStatus");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox header = new HBox(10, title, new Label("accuracy-top N"), n, new Label("T"), t,
                new Label("test after"), at, export, status);
        header.getStyleClass().add("view-header");
        root.setTop(header);

        ScrollPane figures = figureScroll;
        figures.setContent(figureBox);
        figures.setFitToWidth(true);
        figureBox.setPadding(new Insets(8));
        model.figures().addListener((ListChangeListener<ComparisonViewModel.TaskFigures>) c -> showFigures());
        showFigures();

        table2.setId("table2");
        table3.setId("table3");
        table2Title.getStyleClass().add("section");
        table3Title.getStyleClass().add("section");
        table2Title.setWrapText(true);
        table3Title.setWrapText(true);
        table2.setItems(model.table2());
        table3.setItems(model.table3());
        model.headers2().addListener((ListChangeListener<String>) c -> columns(table2, model.headers2(), true));
        model.headers3().addListener((ListChangeListener<String>) c -> columns(table3, model.headers3(), false));
        model.tableProperty().addListener((o, a, b) -> {
            if (b != null) {
                table2Title.setText(ComparisonTables.table2Title(b));
                table3Title.setText(ComparisonTables.table3Title(b));
            }
            columns(table2, model.headers2(), true);
            columns(table3, model.headers3(), false);
        });
        references.setId("referenceTable");
        references.setItems(model.references());
        referencesTitle.getStyleClass().add("section");
        missingReferences.setId("missingReferences");
        missingReferences.getStyleClass().add("muted");
        missingReferences.setWrapText(true);
        missingReferences.textProperty().bind(model.missingReferencesProperty());
        model.references().addListener((ListChangeListener<List<String>>) c -> referenceColumns());
        referenceColumns();
        // shown only when a compared task is a text task (a reference applies)
        for (javafx.scene.Node node : List.of(references, referencesTitle)) {
            node.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.references()));
            node.managedProperty().bind(node.visibleProperty());
        }
        missingReferences.visibleProperty().bind(model.missingReferencesProperty().isNotEmpty());
        missingReferences.managedProperty().bind(missingReferences.visibleProperty());
        for (TableView<List<String>> tv : List.of(table2, table3, references)) {
            tv.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
            tv.setFixedCellSize(26);
            tv.prefHeightProperty().bind(tv.fixedCellSizeProperty().multiply(
                    javafx.beans.binding.Bindings.size(tv.getItems()).add(1.6)));
            tv.setPlaceholder(new Label("no comparison yet"));
        }
        table2.setContextMenu(tableMenu(true));
        table3.setContextMenu(tableMenu(false));
        Label hint = new Label("Bold: best of the row. Double-click a strategy's cell to open its best trial on that "
                + "task. Right-click a figure or a table to save it.");
        hint.getStyleClass().add("muted");
        VBox tables = new VBox(6, table2Title, table2, table3Title, table3, referencesTitle, references,
                missingReferences, hint);
        tables.setPadding(new Insets(8, 12, 8, 12));
        ScrollPane tableScroll = new ScrollPane(tables);
        tableScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(figures, tableScroll);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        root.setCenter(split);
    }

    private TextField budgetField(String id, String prompt, javafx.beans.property.ObjectProperty<Integer> target) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(90);
        f.setTooltip(new Tooltip("A number of trials, or empty for the default (" + prompt + ")"));
        f.textProperty().addListener((o, a, b) -> {
            String s = b.strip();
            if (s.isEmpty()) {
                f.getStyleClass().remove("invalid");
                target.set(null);
                return;
            }
            try {
                int v = Integer.parseInt(s);
                if (v < 1) {
                    throw new NumberFormatException();
                }
                f.getStyleClass().remove("invalid");
                target.set(v);
            } catch (NumberFormatException e) {
                if (!f.getStyleClass().contains("invalid")) {
                    f.getStyleClass().add("invalid");
                }
            }
        });
        return f;
    }

    private void showFigures() {
        figureBox.getChildren().clear();
        if (model.figures().isEmpty()) {
            Label l = new Label("Select runs in the navigator (Ctrl+click: RS, AML and T-AML runs, several seeds "
                    + "each) and press Compare.");
            l.getStyleClass().add("placeholder");
            figureBox.getChildren().add(l);
            return;
        }
        int perScreen = Math.min(2, model.figures().size());
        for (ComparisonViewModel.TaskFigures f : model.figures()) {
            PlotView v = plotView(f.validation());
            PlotView t = plotView(f.test());
            HBox row = new HBox(10, v, t);
            HBox.setHgrow(v, Priority.ALWAYS);
            HBox.setHgrow(t, Priority.ALWAYS);
            // one task fills the pane; more scroll, two to a screen
            row.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> Math.max(320,
                    figureScroll.getViewportBounds().getHeight() / perScreen - 26), figureScroll.viewportBoundsProperty()));
            v.prefHeightProperty().bind(row.prefHeightProperty());
            t.prefHeightProperty().bind(row.prefHeightProperty());
            figureBox.getChildren().add(row);
        }
    }

    private PlotView plotView(Plot p) {
        PlotView v = new PlotView();
        v.show(p);
        v.setId("plot-" + ComparisonReport.slug(p.title()));
        // the exports show what the figure shows: the zoomed window when zoomed
        MenuItem png = new MenuItem("Save as PNG…");
        png.setOnAction(e -> save(p.title(), "png", file -> PngCanvas.write(p, (int) Math.max(400, v.getWidth()),
                (int) Math.max(300, v.getHeight()), 2, v.zoom().view(), file)));
        MenuItem svg = new MenuItem("Save as SVG…");
        svg.setOnAction(e -> save(p.title(), "svg", file -> Files.writeString(file,
                SvgCanvas.of(p, Math.max(400, v.getWidth()), Math.max(300, v.getHeight()), v.zoom().view()))));
        MenuItem reset = new MenuItem("Reset zoom");
        reset.setOnAction(e -> v.zoom().reset());
        reset.disableProperty().bind(v.zoom().viewProperty().isNull());
        ContextMenu menu = new ContextMenu(png, svg, reset);
        v.setOnContextMenuRequested(e -> menu.show(v, e.getScreenX(), e.getScreenY()));
        return v;
    }

    private interface Writer {
        void write(Path file) throws IOException;
    }

    private void save(String name, String ext, Writer w) {
        FileChooser c = new FileChooser();
        c.setTitle("Save " + name);
        c.setInitialFileName(ComparisonReport.slug(name) + "." + ext);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT), "*." + ext));
        File f = c.showSaveDialog(root.getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            w.write(f.toPath());
            model.statusProperty().set("wrote " + f);
        } catch (IOException | RuntimeException e) {
            model.statusProperty().set("could not write " + f + ": " + e.getMessage());
        }
    }

    private ContextMenu tableMenu(boolean two) {
        Supplier<Comparison.Table> t = () -> model.tableProperty().get();
        MenuItem csv = new MenuItem("Save as CSV…");
        csv.setOnAction(e -> {
            if (t.get() != null) {
                save(two ? "table2" : "table3", "csv", f -> Files.writeString(f, two ? ComparisonTables.csv2(t.get())
                        : ComparisonTables.csv3(t.get())));
            }
        });
        MenuItem md = new MenuItem("Save both tables as Markdown…");
        md.setOnAction(e -> {
            if (t.get() != null) {
                save("tables", "md", f -> Files.writeString(f, ComparisonTables.render(t.get(), "markdown")));
            }
        });
        MenuItem open = new MenuItem("Open best trial of this strategy");
        TableView<List<String>> tv = two ? table2 : table3;
        open.setOnAction(e -> openSelected(tv, two));
        return new ContextMenu(open, csv, md);
    }

    private void openSelected(TableView<List<String>> tv, boolean two) {
        var cells = tv.getSelectionModel().getSelectedCells();
        if (cells.isEmpty()) {
            return;
        }
        var pos = cells.get(0);
        int group = pos.getColumn() - (two ? 3 : 2);
        if (!model.openBestTrial(pos.getRow(), group)) {
            model.statusProperty().set("pick a strategy's cell to open its best trial");
        }
    }

    private void columns(TableView<List<String>> tv, List<String> headers, boolean two) {
        tv.getColumns().clear();
        tv.getSelectionModel().setCellSelectionEnabled(true);
        for (int i = 0; i < headers.size(); i++) {
            int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(headers.get(i));
            c.setSortable(false);
            c.setCellValueFactory(d -> new ReadOnlyStringWrapper(col < d.getValue().size() ? d.getValue().get(col)
                    : ""));
            int chars = headers.get(i).length();
            for (List<String> r : tv.getItems()) {
                chars = Math.max(chars, col < r.size() ? r.get(col).length() : 0);
            }
            c.setPrefWidth(Math.max(70, 7.6 * chars + 28));
            c.setCellFactory(x -> new TableCell<>() {
                @Override
                protected void updateItem(String v, boolean empty) {
                    super.updateItem(v, empty);
                    setText(empty ? null : v);
                    getStyleClass().remove("best-cell");
                    setTooltip(null);
                    Comparison.Table t = model.tableProperty().get();
                    int row = getIndex();
                    int group = col - (two ? 3 : 2);
                    getStyleClass().remove("reference-cell");
                    if (!empty && t != null && group >= t.columns().size()) {
                        getStyleClass().add("reference-cell");
                        setTooltip(new Tooltip("a linear baseline's test accuracy (one model, C chosen on "
                                + "validation; not searched): see the reference table below"));
                    }
                    if (!empty && t != null && row >= 0 && row < t.rows().size() && group >= 0
                            && group < t.columns().size()) {
                        Comparison.Row r = t.rows().get(row);
                        if (group == (two ? r.bestTrials() : r.bestTest())) {
                            getStyleClass().add("best-cell");
                        }
                        Comparison.Cell cell = r.cells().get(group);
                        if (cell != null) {
                            setTooltip(new Tooltip(seedsText(cell, two)));
                        }
                    }
                    if (!empty && col > 0) {
                        setStyle("-fx-alignment: center-right;");
                    }
                }
            });
            tv.getColumns().add(c);
        }
        tv.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelected(tv, two);
            }
        });
    }

    private void referenceColumns() {
        if (!references.getColumns().isEmpty()) {
            return;
        }
        List<String> headers = model.referenceHeaders();
        for (int i = 0; i < headers.size(); i++) {
            int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(headers.get(i));
            c.setSortable(false);
            c.setCellValueFactory(d -> new ReadOnlyStringWrapper(col < d.getValue().size() ? d.getValue().get(col)
                    : ""));
            c.setPrefWidth(i == 2 ? 190 : i == 6 ? 240 : Math.max(90, 7.6 * headers.get(i).length() + 28));
            if (i >= 4 && i <= 5) {
                c.setStyle("-fx-alignment: center-right;");
            }
            references.getColumns().add(c);
        }
    }

    /** Each seed's figure, for the cell's tooltip. */
    static String seedsText(Comparison.Cell c, boolean two) {
        StringBuilder b = new StringBuilder(c.group()).append(two ? ": trials to match per seed" :
                ": test accuracy per seed (%)");
        for (Comparison.Seed s : c.seeds()) {
            b.append("\nrun #").append(s.runId()).append(" seed ").append(s.seed()).append(": ")
                    .append(two ? (s.reached() ? String.valueOf(s.trialsToMatch()) : "not reached")
                            : String.format(java.util.Locale.ROOT, "%.2f after %d trials", 100 * s.test(), s.trials()));
        }
        if (c.best() != null) {
            b.append(String.format(java.util.Locale.ROOT, "%nbest trial: run #%d trial %d, validation %.2f%% "
                    + "(double-click to open)", c.best().runId(), c.best().seq(), 100 * c.best().validation()));
        }
        return b.toString();
    }

    private void exportReport() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Export the comparison report into a folder");
        File d = c.showDialog(root.getScene().getWindow());
        if (d != null) {
            model.exportReport(d.toPath(), m -> { });
        }
    }
}
