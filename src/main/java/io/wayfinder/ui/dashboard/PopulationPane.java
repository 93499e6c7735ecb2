package io.wayfinder.ui.dashboard;

import io.wayfinder.ui.common.Formats;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** Evolution's live view: the current population of the selected task, oldest first, and the hurdles. */
final class PopulationPane extends BorderPane {
    private final TableView<MemberRow> table = new TableView<>();

    PopulationPane(StrategyViewModel model) {
        Label caption = new Label();
        caption.setId("populationCaption");
        caption.setWrapText(true);
        caption.textProperty().bind(model.captionProperty());
        Label hurdles = new Label();
        hurdles.setId("hurdleLabel");
        hurdles.setWrapText(true);
        hurdles.getStyleClass().add("muted");
        hurdles.textProperty().bind(model.hurdlesProperty());
        VBox top = new VBox(4, caption, hurdles);
        top.getStyleClass().add("toolbar-row");
        setTop(top);
        table.setId("populationTable");
        table.setItems(model.members());
        table.getColumns().add(column("Trial", r -> r.trial() < 0 ? "" : "#" + r.trial(), 70));
        table.getColumns().add(column("Age", r -> r.age(), 60));
        TableColumn<MemberRow, Double> reward = column("Reward", MemberRow::reward, 90);
        reward.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Formats.metric(v));
            }
        });
        reward.getStyleClass().add("number");
        table.getColumns().add(reward);
        TableColumn<MemberRow, String> hurdle = column("Hurdle", MemberRow::hurdle, 230);
        hurdle.setVisible(false);
        model.members().addListener((javafx.collections.ListChangeListener<MemberRow>) c ->
                hurdle.setVisible(model.members().stream().anyMatch(r -> !r.hurdle().isEmpty())));
        table.getColumns().add(hurdle);
        TableColumn<MemberRow, String> config = column("Configuration", MemberRow::configuration, 900);
        config.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

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
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No population yet: it is read from the run's checkpoints."));
        setCenter(table);
        io.wayfinder.ui.common.TableExport.install(table, "population");
    }

    TableView<MemberRow> table() {
        return table;
    }

    private static <T> TableColumn<MemberRow, T> column(String name, Function<MemberRow, T> value, double width) {
        TableColumn<MemberRow, T> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
