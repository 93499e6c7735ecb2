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
    @FXML private javafx.scene.control.ScrollPane barsScroll;

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
            DefaultNumericAxis y = io.wayfinder.ui.common.Axes.value("probability");
            y.setAutoRanging(false);
            y.set(0, 1);
            y.setTickUnit(0.25);
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
        if (model.supernet() != null) {
            supernetCharts();
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
        DefaultNumericAxis ey = io.wayfinder.ui.common.Axes.value("probability");
        ey.setAutoRanging(false);
        ey.set(0, 1);
        ey.setTickUnit(0.1);
        XYChart evolution = lineChart(trialsOf(), ey, model.evolution());
        evolution.setTitle("Choice probabilities of the selected decision");
        evolutionHolder.getChildren().add(evolution);

        // rewards and accuracy-top10
        XYChart rewards = scatterChart(trialsOf(), "reward", model.reward());
        rewards.setTitle("Reward per trial");
        rewards.setId("rewardChart");
        this.rewardChart = rewards;
        rewardHolder.getChildren().add(rewards);
        XYChart top = lineChart(trialsOf(), axis("accuracy"), List.of(model.validationTop(), model.testTop()));
        top.setTitle("accuracy-top" + DashboardViewModel.TOP_N + " (validation, test; from the "
                + DashboardViewModel.TOP_N + "th distinct configuration)");
        topHolder.getChildren().add(top);
        io.wayfinder.ui.common.ChartExport.install(evolution, "decision-over-time");
        io.wayfinder.ui.common.ChartExport.install(rewards, "rewards");
        io.wayfinder.ui.common.ChartExport.install(top, "accuracy-top10");
        io.wayfinder.ui.common.ChartExport.install(heatMap, "task-similarity");
        io.wayfinder.ui.common.ChartExport.install(barsPane, "policy");
        // every chart's x axis is the trials of the selected task
        model.selectedTaskProperty().addListener((o, a, b) -> {
            for (XYChart c : List.of(evolution, rewards, top)) {
                c.getXAxis().setName(trialsOf());
            }
        });
        // empty charts say why
        Label noPolicy = new Label(model.noPolicyReason());
        noPolicy.getStyleClass().add("placeholder");
        noPolicy.setId("noPolicy");
        noPolicy.setMaxWidth(520);
        Label noPolicy2 = new Label(model.noPolicyReason());
        noPolicy2.getStyleClass().add("placeholder");
        noPolicy2.setMaxWidth(520);
        evolutionHolder.getChildren().add(noPolicy2);
        javafx.scene.Node barsContent = barsScroll.getContent();
        Runnable policyShown = () -> {
            boolean none = model.historySizeProperty().get() == 0;
            noPolicy2.setVisible(none);
            evolution.setVisible(!none);
            barsScroll.setContent(none ? new StackPane(noPolicy) : barsContent);
        };
        model.historySizeProperty().addListener((o, a, b) -> {
            if ((a.intValue() == 0) != (b.intValue() == 0)) {
                policyShown.run();
            }
        });
        policyShown.run();

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
        io.wayfinder.ui.common.TableExport.install(table, "trials");
        shownCount.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> sorted.size() + " of " + model.rows().size() + " trials", sorted, model.rows()));

        // similarity heat map
        heatMap.setId("heatMap");
        heatHolder.getChildren().add(heatMap);
        heatMap.prefWidthProperty().bind(heatHolder.widthProperty());
        heatMap.prefHeightProperty().bind(heatHolder.heightProperty());
        heatMap.resize(600, 400);
        heatHolder.widthProperty().addListener((o, a, b) -> heatMap.resize(b.doubleValue(), heatHolder.getHeight()));
        heatHolder.heightProperty().addListener((o, a, b) -> heatMap.resize(heatHolder.getWidth(), b.doubleValue()));
        similarityLabel.setText(model.taskNames().size() < 2
                ? "Single-task run: the similarity of task embeddings needs a multitask run."
                : "Cosine similarity of the learned task embeddings at the selected update (left) and every task's "
                + "embedding on its first two principal components, with its trail across updates (right).");
        heatMap.emptyReason(model.taskNames().size() < 2
                ? "This run has one task (" + model.taskNames().get(0) + "): there is no pair of tasks to compare. "
                + "Multitask runs (M-AML) learn one embedding per task and show their similarities here."
                : "No task embeddings stored yet: they are saved with each checkpoint of a controller strategy.");
        model.similarityProperty().addListener((o, a, b) -> {
            if (model.taskNames().size() >= 2) {
                heatMap.show(b, model.taskNames());
            }
        });
        buildEmbeddingHistory();
        StrategyViewModel sv = model.strategyView();
        if (sv.any()) {
            javafx.scene.control.Tab tab = new javafx.scene.control.Tab(sv.population() ? "Population"
                    : sv.strategyLabel() + " densities");
            tab.setId(sv.population() ? "populationTab" : "densitiesTab");
            tab.setContent(sv.population() ? new PopulationPane(sv) : new DensitiesPane(sv, model.space()));
            tabs.getTabs().add(tab);
        }
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

    private final EmbeddingMap embeddingMap = new EmbeddingMap();
    private final Slider embeddingSlider = new Slider();

    /** The similarity tab: a history slider over the stored updates, the heat map and the PCA map with trails. */
    private void buildEmbeddingHistory() {
        javafx.scene.layout.BorderPane tab = (javafx.scene.layout.BorderPane) heatHolder.getParent();
        embeddingSlider.setId("embeddingSlider");
        embeddingSlider.setMin(0);
        embeddingSlider.setMajorTickUnit(1);
        embeddingSlider.setSnapToTicks(true);
        embeddingSlider.setBlockIncrement(1);
        Label at = new Label();
        at.setId("embeddingLabel");
        at.getStyleClass().add("muted");
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(10, new Label("History"), embeddingSlider, at);
        javafx.scene.layout.HBox.setHgrow(embeddingSlider, javafx.scene.layout.Priority.ALWAYS);
        row.getStyleClass().add("toolbar-row");
        similarityLabel.setWrapText(true);
        tab.setTop(new javafx.scene.layout.VBox(similarityLabel, row));
        embeddingMap.setId("embeddingMap");
        embeddingMap.emptyReason(model.taskNames().size() < 2 ? "One task: no embeddings to compare."
                : "No task embeddings stored yet.");
        io.wayfinder.ui.common.ChartExport.install(embeddingMap, "task-embeddings");
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(heatHolder, embeddingMap);
        split.setDividerPositions(0.5);
        tab.setCenter(split);
        Runnable refresh = () -> {
            EmbeddingHistory h = model.embeddingHistoryProperty().get();
            int n = h == null ? 0 : h.size();
            int i = model.embeddingIndexProperty().get();
            embeddingSlider.setMax(Math.max(0, n - 1));
            embeddingSlider.setDisable(n < 2 || model.taskNames().size() < 2);
            if (Math.round(embeddingSlider.getValue()) != i && i >= 0) {
                embeddingSlider.setValue(i);
            }
            at.setText(n == 0 || i < 0 ? "no stored updates" : "after " + h.snapshots().get(i).observations()
                    + " observations (" + (i + 1) + " of " + n + ")");
            if (model.taskNames().size() >= 2) {
                embeddingMap.show(h, i, model.taskNames());
            }
        };
        embeddingSlider.valueProperty().addListener((o, a, b) -> {
            int i = (int) Math.round(b.doubleValue());
            if (i != model.embeddingIndexProperty().get()) {
                model.embeddingIndexProperty().set(i);
            }
        });
        model.embeddingHistoryProperty().addListener((o, a, b) -> refresh.run());
        model.embeddingIndexProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();
    }

    EmbeddingMap embeddingMap() {
        return embeddingMap;
    }

    /** Shows the trial table with this trial selected and scrolled into view (false while it is not loaded yet). */
    public boolean selectTrial(long trialId) {
        tabs.getSelectionModel().select(3);
        filter.setText("");
        bestOnly.setSelected(false);
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).trial().id() == trialId) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(i);
                return true;
            }
        }
        // rows arrive from the feeder: try again when they do
        javafx.collections.ListChangeListener<TrialRow> retry = new javafx.collections.ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends TrialRow> c) {
                if (table.getItems().stream().anyMatch(r -> r.trial().id() == trialId)) {
                    table.getItems().removeListener(this);
                    selectTrial(trialId);
                }
            }
        };
        table.getItems().addListener(retry);
        return false;
    }

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

    /** A one-shot run: the super-network's loss and accuracy beside the architecture-weight bars. */
    private void supernetCharts() {
        SupernetCurves c = model.supernet();
        XYChart loss = lineChart("super-network weight steps", axis("cross-entropy"),
                List.of(c.trainLoss(), c.validationLoss()));
        loss.setTitle("Super-network loss");
        loss.setId("supernetLoss");
        DefaultNumericAxis ay = axis("accuracy");
        ay.setAutoRanging(false);
        ay.set(0, 1);
        ay.setTickUnit(0.1);
        XYChart accuracy = lineChart("super-network weight steps", ay, List.of(c.trainAccuracy(),
                c.validationAccuracy()));
        accuracy.setTitle("Super-network accuracy");
        accuracy.setId("supernetAccuracy");
        Label caption = new Label();
        caption.setId("supernetCaption");
        caption.setWrapText(true);
        caption.getStyleClass().add("muted");
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.textProperty().bind(model.supernetCaptionProperty());
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(6, caption, loss, accuracy);
        box.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
        caption.maxWidthProperty().bind(box.widthProperty().subtract(12));
        javafx.scene.layout.VBox.setVgrow(loss, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.VBox.setVgrow(accuracy, javafx.scene.layout.Priority.ALWAYS);
        box.setMinWidth(320);
        io.wayfinder.ui.common.ChartExport.install(loss, "supernet-loss");
        io.wayfinder.ui.common.ChartExport.install(accuracy, "supernet-accuracy");
        javafx.scene.layout.BorderPane holder = (javafx.scene.layout.BorderPane) barsScroll.getParent();
        holder.setCenter(null);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(barsScroll, box);
        split.setId("supernetSplit");
        // two columns of smaller bar charts fit beside the curves
        barsPane.setPrefTileWidth(295);
        barsPane.setPrefTileHeight(185);
        split.setDividerPositions(0.6);
        holder.setCenter(split);
    }

    private static DefaultNumericAxis axis(String name) {
        return io.wayfinder.ui.common.Axes.value(name);
    }

    private String trialsOf() {
        int t = model.selectedTaskProperty().get();
        return "trials of " + (t >= 0 && t < model.taskNames().size() ? model.taskNames().get(t) : "the task");
    }

    private static XYChart lineChart(String xName, DefaultNumericAxis y, List<? extends DataSet> sets) {
        XYChart chart = new XYChart(io.wayfinder.ui.common.Axes.count(xName), y);
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setDrawMarker(false);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.getDatasets().addAll(sets);
        chart.getRenderers().setAll(r);
        chart.getPlugins().add(new Zoomer());
        return chart;
    }

    private static XYChart scatterChart(String xName, String yName, DataSet set) {
        XYChart chart = new XYChart(io.wayfinder.ui.common.Axes.count(xName), axis(yName));
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
