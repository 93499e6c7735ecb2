package io.wayfinder.ui.dashboard;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.ui.common.Axes;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.TilePane;

/** TPE's live view: per decision, each choice's density among the good trials l(x) beside the rest's g(x). */
final class DensitiesPane extends BorderPane {
    private final TilePane tiles = new TilePane(8, 8);

    DensitiesPane(StrategyViewModel model, SearchSpace space) {
        Label caption = new Label();
        caption.setId("densitiesCaption");
        caption.setWrapText(true);
        caption.getStyleClass().add("toolbar-row");
        caption.textProperty().bind(model.captionProperty());
        setTop(caption);
        tiles.setId("densitiesPane");
        tiles.setPrefTileWidth(330);
        tiles.setPrefTileHeight(210);
        tiles.getStyleClass().add("tiles");
        List<FlatDecision> slots = space.flat();
        for (int i = 0; i < slots.size(); i++) {
            FlatDecision f = slots.get(i);
            CategoryAxis x = new CategoryAxis(null, FXCollections.observableArrayList(
                    f.choices().stream().map(c -> c.display()).toList()));
            x.setUnit(null);
            x.setOverlapPolicy(io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy.SHIFT_ALT);
            DefaultNumericAxis y = Axes.value("density");
            y.setAutoRanging(false);
            y.set(0, 1);
            y.setTickUnit(0.25);
            XYChart chart = new XYChart(x, y);
            chart.setTitle(f.path());
            chart.setLegendVisible(i == 0);
            ErrorDataSetRenderer r = new ErrorDataSetRenderer();
            r.setPolyLineStyle(LineStyle.NONE);
            r.setDrawBars(true);
            r.setDrawMarker(false);
            r.setErrorStyle(io.fair_acc.chartfx.renderer.ErrorStyle.NONE);
            r.setDynamicBarWidth(false);
            r.setBarWidth(12);
            r.setShiftBar(true);
            r.setshiftBarOffset(13);
            r.getDatasets().addAll(model.good().get(i), model.bad().get(i));
            chart.getRenderers().setAll(r);
            chart.setId("densities-" + i);
            chart.getStyleClass().add("small-chart");
            tiles.getChildren().add(chart);
        }
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        io.wayfinder.ui.common.ChartExport.install(tiles, "densities");
    }
}
