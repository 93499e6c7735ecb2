package io.wayfinder.ui.dashboard;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.ui.common.Formats;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;

/** The live dashboard of one run: policy bars with history, one decision over time, rewards, trials, similarity. */
public final class DashboardView {
    @FXML private Label title;
    @FXML private Label summary;
    @FXML private ComboBox<String> taskChoice;
    @FXML private TabPane tabs;
    @FXML private Slider historySlider;
    @FXML private CheckBox followLatest;
    @FXML private Label historyLabel;
    @FXML private TilePane barsPane;
    @FXML private ComboBox<String> slotChoice;
    @FXML private StackPane evolutionHolder;
    @FXML private StackPane rewardHolder;
    @FXML private StackPane topHolder;
    @FXML private TextField filter;
    @FXML private CheckBox bestOnly;
    @FXML private Label shownCount;
    @FXML private TableView<TrialRow> table;
    @FXML private Label similarityLabel;
    @FXML private Pane heatHolder;

    private final DashboardViewModel model;
    private final Parent root;
    private final HeatMap heatMap = new HeatMap();
    private XYChart rewardChart;

    public DashboardView(DashboardViewModel model) {
        this.model = model;
        root = io.wayfinder.ui.common.Fxml.load(this, "/io/wayfinder/ui/dashboard/Dashboard.fxml");
    }

    public Parent root() {
        return root;
    }

    public DashboardViewModel model() {
        return model;
    }

    public TabPane tabs() {
        return tabs;
    }

    @FXML
    private void initialize() {
        title.textProperty().bind(model.titleProperty());
        summary.textProperty().bind(model.summaryProperty());
        taskChoice.setItems(FXCollections.observableArrayList(model.taskNames()));
        taskChoice.getSelectionModel().select(model.selectedTaskProperty().get());
        taskChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) {
                model.selectedTaskProperty().set(b.intValue());
            }
        });

        // policy bars, one chart per slot
        List<FlatDecision> slots = model.space().flat();
        for (int i = 0; i < slots.size(); i++) {
            FlatDecision f = slots.get(i);
            CategoryAxis x = new CategoryAxis(null, FXCollections.observableArrayList(
                    f.choices().stream().map(c -> c.display()).toList()));
            x.setUnit(null);
            x.setOverlapPolicy(io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy.SHIFT_ALT);
            DefaultNumericAxis y = new DefaultNumericAxis("probability", 0, 1, 0.25);
            y.setUnit(null);
            y.setAutoRanging(false);
            XYChart chart = new XYChart(x, y);
            chart.setTitle(f.path());
            chart.setLegendVisible(false);
            ErrorDataSetRenderer r = new ErrorDataSetRenderer();
            r.setPolyLineStyle(LineStyle.NONE);
            r.setDrawBars(true);
            r.setDrawMarker(false);
            r.setBarWidthPercentage(70);
            r.setDynamicBarWidth(true);
            r.getDatasets().add(model.bars().get(i));
            chart.getRenderers().setAll(r);
            chart.setId("bars-" + i);
            chart.getStyleClass().add("small-chart");
            barsPane.getChildren().add(chart);
        }
        historySlider.setMin(0);
        historySlider.maxProperty().bind(model.historySizeProperty().subtract(1));
        historySlider.disableProperty().bind(model.historySizeProperty().lessThan(2));
        historySlider.valueProperty().addListener((o, a, b) -> {
            if (historySlider.isValueChanging() || historySlider.isFocused()) {
                model.historyIndexProperty().set((int) Math.round(b.doubleValue()));
            }
        });
        model.historyIndexProperty().addListener((o, a, b) -> historySlider.setValue(b.doubleValue()));
        followLatest.selectedProperty().bindBidirectional(model.followLatestProperty());
        followLatest.selectedProperty().addListener((o, a, b) -> {
            if (b && model.historySizeProperty().get() > 0) {
                model.historyIndexProperty().set(model.historySizeProperty().get() - 1);
            }
        });
        historyLabel.textProperty().bind(model.historyLabelProperty());

        // one decision over time
        slotChoice.setItems(FXCollections.observableArrayList(slots.stream().map(FlatDecision::path).toList()));
        slotChoice.getSelectionModel().select(0);
        slotChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) {
                model.selectedSlotProperty().set(b.intValue());
            }
        });
        DefaultNumericAxis ey = new DefaultNumericAxis("probability", 0, 1, 0.1);
        ey.setUnit(null);
        ey.setAutoRanging(false);
        XYChart evolution = lineChart("observations", ey, model.evolution());
        evolution.setTitle("Choice probabilities of the selected decision");
        evolutionHolder.getChildren().add(evolution);

        // rewards and accuracy-top10
        XYChart rewards = scatterChart("trial", "reward", model.reward());
        rewards.setTitle("Reward per trial");
        rewards.setId("rewardChart");
        this.rewardChart = rewards;
        rewardHolder.getChildren().add(rewards);
        XYChart top = lineChart("trials", axis("accuracy"), List.of(model.validationTop(), model.testTop()));
        top.setTitle("accuracy-top" + DashboardViewModel.TOP_N + " (validation, test)");
        topHolder.getChildren().add(top);

        // trial table
        FilteredList<TrialRow> filtered = new FilteredList<>(model.rows());
        Runnable refilter = () -> {
            String f = filter.getText() == null ? "" : filter.getText().trim().toLowerCase(java.util.Locale.ROOT);
            boolean b = bestOnly.isSelected();
            filtered.setPredicate(r -> (!b || r.best()) && r.matches(f));
        };
        filter.textProperty().addListener((o, a, b) -> refilter.run());
        bestOnly.selectedProperty().addListener((o, a, b) -> refilter.run());
        SortedList<TrialRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().add(column("#", r -> r.seq(), 60));
        table.getColumns().add(column("Task", TrialRow::task, 90));
        TableColumn<TrialRow, String> config = column("Configuration", TrialRow::configuration, 420);
        config.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                if (empty || v == null) {
                    setTooltip(null);
                } else {
                    tip.setText(v.replace(", ", "\n"));
                    setTooltip(tip);
                }
            }
        });
        table.getColumns().add(config);
        table.getColumns().add(numberColumn("Reward", TrialRow::reward));
        table.getColumns().add(numberColumn("Validation", TrialRow::validation));
        table.getColumns().add(numberColumn("Test", TrialRow::test));
        table.getColumns().add(column("Status", TrialRow::status, 80));
        TableColumn<TrialRow, Long> duration = column("Duration (ms)", TrialRow::durationMillis, 100);
        table.getColumns().add(duration);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TrialRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(BEST, !empty && item != null && item.best());
                pseudoClassStateChanged(FAILED, !empty && item != null && "failed".equals(item.status()));
            }
        });
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        model.bestVersionProperty().addListener((o, a, b) -> {
            if (bestOnly.isSelected()) {
                refilter.run();
            }
            table.refresh();
        });
        shownCount.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> sorted.size() + " of " + model.rows().size() + " trials", sorted, model.rows()));

        // similarity heat map
        heatHolder.getChildren().add(heatMap);
        heatMap.prefWidthProperty().bind(heatHolder.widthProperty());
        heatMap.prefHeightProperty().bind(heatHolder.heightProperty());
        heatMap.resize(600, 400);
        heatHolder.widthProperty().addListener((o, a, b) -> heatMap.resize(b.doubleValue(), heatHolder.getHeight()));
        heatHolder.heightProperty().addListener((o, a, b) -> heatMap.resize(heatHolder.getWidth(), b.doubleValue()));
        similarityLabel.setText(model.taskNames().size() < 2
                ? "Single-task run: the similarity of task embeddings needs a multitask run."
                : "Cosine similarity of the learned task embeddings (latest checkpoint).");
        model.similarityProperty().addListener((o, a, b) -> heatMap.show(b, model.taskNames()));
    }

    /**
     * Puts {@code side} (the inspector pane) beside the trial table; {@code onSelect} gets the trial selected in the
     * table or clicked on the rewards chart (the point nearest the click, by trial number).
     */
    public void attachInspector(javafx.scene.Node side, java.util.function.Consumer<TrialRow> onSelect) {
        javafx.scene.layout.BorderPane holder = (javafx.scene.layout.BorderPane) table.getParent();
        holder.setCenter(null);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, side);
        split.setDividerPositions(0.55);
        holder.setCenter(split);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                onSelect.accept(b);
            }
        });
        rewardChart.getCanvas().addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getClickCount() != 1 || !e.isStillSincePress()) {
                return;
            }
            javafx.geometry.Point2D p = rewardChart.getCanvas().localToScene(e.getX(), e.getY());
            io.fair_acc.chartfx.axes.Axis x = rewardChart.getXAxis();
            javafx.geometry.Point2D inAxis = ((javafx.scene.Node) x).sceneToLocal(p);
            double trial = x.getValueForDisplay(inAxis.getX());
            TrialRow nearest = nearestRow(trial);
            if (nearest != null) {
                table.getSelectionModel().select(nearest);
                table.scrollTo(nearest);
                onSelect.accept(nearest);
            }
        });
    }

    /**
     * The row drawn at {@code x} on the rewards chart: the chart plots the selected task's observed trials in
     * observation order, numbered from 1.
     */
    TrialRow nearestRow(double x) {
        int task = model.selectedTaskProperty().get();
        String name = task >= 0 && task < model.taskNames().size() ? model.taskNames().get(task) : null;
        List<TrialRow> ofTask = model.rows().stream().filter(r -> r.order() >= 0 && r.task().equals(name))
                .sorted(java.util.Comparator.comparingInt(TrialRow::order)).toList();
        if (ofTask.isEmpty()) {
            return null;
        }
        int i = (int) Math.round(x) - 1;
        return ofTask.get(Math.max(0, Math.min(ofTask.size() - 1, i)));
    }

    public TableView<TrialRow> table() {
        return table;
    }

    private static final javafx.css.PseudoClass BEST = javafx.css.PseudoClass.getPseudoClass("best");
    private static final javafx.css.PseudoClass FAILED = javafx.css.PseudoClass.getPseudoClass("failed");

    HeatMap heatMap() {
        return heatMap;
    }

    private static <T> TableColumn<TrialRow, T> column(String name, Function<TrialRow, T> value, double width) {
        TableColumn<TrialRow, T> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<TrialRow, Double> numberColumn(String name, Function<TrialRow, Double> value) {
        TableColumn<TrialRow, Double> c = column(name, value, 90);
        c.setComparator((a, b) -> Double.compare(Double.isNaN(a) ? Double.NEGATIVE_INFINITY : a,
                Double.isNaN(b) ? Double.NEGATIVE_INFINITY : b));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Formats.metric(v));
            }
        });
        c.getStyleClass().add("number");
        return c;
    }

    private static DefaultNumericAxis axis(String name) {
        DefaultNumericAxis a = new DefaultNumericAxis(name);
        a.setUnit(null);
        return a;
    }

    private static XYChart lineChart(String xName, DefaultNumericAxis y, List<? extends DataSet> sets) {
        XYChart chart = new XYChart(axis(xName), y);
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setDrawMarker(false);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.getDatasets().addAll(sets);
        chart.getRenderers().setAll(r);
        chart.getPlugins().add(new Zoomer());
        return chart;
    }

    private static XYChart scatterChart(String xName, String yName, DataSet set) {
        XYChart chart = new XYChart(axis(xName), axis(yName));
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.NONE);
        r.setErrorStyle(io.fair_acc.chartfx.renderer.ErrorStyle.NONE);
        r.setDrawMarker(true);
        r.getDatasets().add(set);
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(false);
        chart.getPlugins().add(new Zoomer());
        return chart;
    }
}
