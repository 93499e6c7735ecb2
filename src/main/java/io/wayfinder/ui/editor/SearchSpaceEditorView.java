package io.wayfinder.ui.editor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The search-space editor screen. */
public final class SearchSpaceEditorView {
    @FXML private Button saveButton;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private Button addSkipButton;
    @FXML private Button removeButton;
    @FXML private Button upButton;
    @FXML private Button downButton;
    @FXML private Label count;
    @FXML private Label fileLabel;
    @FXML private TextField spaceName;
    @FXML private TextField spaceDescription;
    @FXML private ListView<DecisionRow> decisionList;
    @FXML private Label detailTitle;
    @FXML private GridPane detailForm;
    @FXML private TextField decisionName;
    @FXML private TextField decisionDescription;
    @FXML private Label countLabel;
    @FXML private Spinner<Integer> layerCount;
    @FXML private VBox choiceBox;
    @FXML private TableView<ChoiceRow> choiceTable;
    @FXML private ComboBox<ValueType> newType;
    @FXML private TextField newValue;
    @FXML private TextField newLabel;
    @FXML private Label editError;
    @FXML private Label problemsTitle;
    @FXML private ListView<String> problemList;

    private final SearchSpaceEditorViewModel model;
    private final Parent root;
    private boolean updating;
    private final io.wayfinder.ui.common.GraphView diagram = new io.wayfinder.ui.common.GraphView();
    private String clickedBox;

    public SearchSpaceEditorView(SearchSpaceEditorViewModel model) {
        this.model = model;
        root = io.wayfinder.ui.common.Fxml.load(this, "/io/wayfinder/ui/editor/SearchSpaceEditor.fxml");
        attachDiagram();
    }

    public Parent root() {
        return root;
    }

    public SearchSpaceEditorViewModel model() {
        return model;
    }

    @FXML
    private void initialize() {
        count.textProperty().bind(model.configurationCountProperty());
        fileLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> (model.fileProperty().get() == null ? "Unsaved search space" : model.fileProperty().get().getFileName()
                        .toString()) + (model.dirtyProperty().get() ? " •" : ""), model.fileProperty(), model.dirtyProperty()));
        undoButton.disableProperty().bind(model.canUndoProperty().not());
        redoButton.disableProperty().bind(model.canRedoProperty().not());
        saveButton.disableProperty().bind(model.validProperty().not());
        editError.textProperty().bind(model.editErrorProperty());
        problemList.setItems(model.problems());
        problemsTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.problems().isEmpty() ? "No problems: the space is valid" : model.problems().size()
                        + " problem(s), as `wayfinder validate` reports them", model.problems()));
        commitOnEnterOrBlur(spaceName, () -> model.setSpaceName(spaceName.getText()));
        commitOnEnterOrBlur(spaceDescription, () -> model.setSpaceDescription(spaceDescription.getText()));
        model.spaceNameProperty().addListener((o, a, b) -> spaceName.setText(b));
        model.spaceDescriptionProperty().addListener((o, a, b) -> spaceDescription.setText(b));
        spaceName.setText(model.spaceNameProperty().get());
        spaceDescription.setText(model.spaceDescriptionProperty().get());

        decisionList.setItems(model.decisions());
        decisionList.setCellFactory(l -> new DecisionCell());
        decisionList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                model.selectedProperty().set(b.ref());
            }
        });
        model.decisions().addListener((javafx.collections.ListChangeListener<DecisionRow>) c -> reselect());
        model.selectedProperty().addListener((o, a, b) -> {
            reselect();
            showDetail();
        });

        layerCount.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 64, 1));
        layerCount.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && model.selectedProperty().get() != null) {
                model.setCount(model.selectedProperty().get(), b);
            }
        });
        commitOnEnterOrBlur(decisionName, () -> {
            if (model.selectedProperty().get() != null) {
                model.rename(model.selectedProperty().get(), decisionName.getText());
            }
        });
        commitOnEnterOrBlur(decisionDescription, () -> {
            if (model.selectedProperty().get() != null) {
                model.setDescription(model.selectedProperty().get(), decisionDescription.getText());
            }
        });

        choiceTable.setItems(model.choices());
        TableColumn<ChoiceRow, ValueType> type = new TableColumn<>("Type");
        type.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().type()));
        type.setCellFactory(ComboBoxTableCell.forTableColumn(ValueType.values()));
        type.setOnEditCommit(e -> setChoice(e.getRowValue(), e.getNewValue(), e.getRowValue().value(), e.getRowValue().label()));
        TableColumn<ChoiceRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().value()));
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setOnEditCommit(e -> setChoice(e.getRowValue(), e.getRowValue().type(), e.getNewValue(), e.getRowValue().label()));
        TableColumn<ChoiceRow, String> label = new TableColumn<>("Label");
        label.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().label()));
        label.setCellFactory(TextFieldTableCell.forTableColumn());
        label.setOnEditCommit(e -> setChoice(e.getRowValue(), e.getRowValue().type(), e.getRowValue().value(), e.getNewValue()));
        type.setPrefWidth(90);
        value.setPrefWidth(160);
        label.setPrefWidth(200);
        choiceTable.getColumns().setAll(java.util.List.of(type, value, label));
        newType.getItems().setAll(ValueType.values());
        newType.getSelectionModel().select(ValueType.TEXT);
        newValue.setOnAction(e -> addChoice());
        newLabel.setOnAction(e -> addChoice());
        showDetail();
    }

    /**
     * The space as the network it generates, left of the list and the form: a box per layer of a repeat block (its
     * decisions one per line), skip decisions as dashed candidate edges. Clicking a box's line selects that decision.
     */
    private void attachDiagram() {
        diagram.setId("spaceDiagram");
        diagram.setMinWidth(220);
        javafx.scene.control.SplitPane split = (javafx.scene.control.SplitPane)
                ((javafx.scene.layout.BorderPane) root).getCenter();
        javafx.scene.control.Label hint = new javafx.scene.control.Label("The network these decisions generate. "
                + "Click a line of a block to edit that decision; dashed blue: candidate skip connections.");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.getStyleClass().add("muted");
        VBox box = new VBox(6, new javafx.scene.control.Label("Diagram"), hint, diagram);
        box.getChildren().get(0).getStyleClass().add("section");
        box.getStyleClass().add("pane-padded");
        VBox.setVgrow(diagram, Priority.ALWAYS);
        split.getItems().add(0, box);
        split.setDividerPositions(0.36, 0.62);
        redrawDiagram();
        model.decisions().addListener((javafx.collections.ListChangeListener<DecisionRow>) c -> redrawDiagram());
        model.spaceNameProperty().addListener((o, a, b) -> redrawDiagram());
        model.selectedProperty().addListener((o, a, b) -> markSelected());
        diagram.setOnBoxClicked((b, line) -> {
            int[] ref = io.wayfinder.graph.SpaceDiagram.decisionOf(b.node().id(), line);
            if (ref != null) {
                clickedBox = b.node().id();
                model.selectedProperty().set(ref[1] < 0 ? DecisionRef.top(ref[0]) : DecisionRef.inBlock(ref[0], ref[1]));
            }
        });
    }

    private void redrawDiagram() {
        try {
            diagram.update(io.wayfinder.graph.GraphLayout.layout(io.wayfinder.graph.SpaceDiagram.of(model.spaceTree())));
            markSelected();
        } catch (RuntimeException e) {
            diagram.show(null);
        }
    }

    private void markSelected() {
        DecisionRef ref = model.selectedProperty().get();
        if (diagram.drawing() == null) {
            return;
        }
        String block = ref == null ? null : "d" + ref.index() + "L";
        String id = ref == null ? null : !ref.nested() ? "d" + ref.index()
                : clickedBox != null && clickedBox.startsWith(block) ? clickedBox : block + "0";
        diagram.select(id);
    }

    /** The diagram of the space (for tests). */
    public io.wayfinder.ui.common.GraphView diagram() {
        return diagram;
    }

    private void setChoice(ChoiceRow row, ValueType type, String value, String label) {
        model.setChoice(model.selectedProperty().get(), row.index(), type, value, label);
    }

    private void reselect() {
        updating = true;
        try {
            DecisionRef ref = model.selectedProperty().get();
            if (ref == null) {
                decisionList.getSelectionModel().clearSelection();
            } else {
                for (int i = 0; i < model.decisions().size(); i++) {
                    if (model.decisions().get(i).ref().equals(ref)) {
                        decisionList.getSelectionModel().select(i);
                    }
                }
            }
        } finally {
            updating = false;
        }
    }

    private void showDetail() {
        JsonNode n = model.selectedNode();
        updating = true;
        try {
            boolean any = n != null;
            String kind = any ? n.path("type").asText("categorical") : "";
            detailForm.setVisible(any);
            choiceBox.setVisible(any && "categorical".equals(kind));
            choiceBox.setManaged(choiceBox.isVisible());
            boolean repeat = "repeat".equals(kind);
            countLabel.setVisible(repeat);
            layerCount.setVisible(repeat);
            DecisionRef ref = model.selectedProperty().get();
            addSkipButton.setDisable(ref == null || !(repeat || ref.nested()));
            removeButton.setDisable(!any);
            upButton.setDisable(!any);
            downButton.setDisable(!any);
            if (any) {
                detailTitle.setText(kind.substring(0, 1).toUpperCase() + kind.substring(1) + " decision at "
                        + ref.jsonPath());
                decisionName.setText(n.path("name").asText(""));
                decisionDescription.setText(n.path("description").asText(""));
                if (repeat) {
                    layerCount.getValueFactory().setValue(Math.max(1, n.path("count").asInt(1)));
                }
            } else {
                detailTitle.setText("Select a decision");
            }
        } finally {
            updating = false;
        }
    }

    private static void commitOnEnterOrBlur(TextField field, Runnable commit) {
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((o, a, b) -> {
            if (!b) {
                commit.run();
            }
        });
    }

    @FXML
    public void open() {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Search space (JSON)", "*.json"));
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            guarded(() -> model.load(f.toPath()));
        }
    }

    @FXML
    public void save() {
        if (model.fileProperty().get() == null) {
            saveAs();
        } else {
            guarded(model::save);
        }
    }

    @FXML
    void saveAs() {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Search space (JSON)", "*.json"));
        File f = c.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            Path p = f.toPath();
            guarded(() -> model.save(p));
        }
    }

    @FXML
    public void undo() {
        model.undo();
        showDetail();
    }

    @FXML
    public void redo() {
        model.redo();
        showDetail();
    }

    @FXML
    private void addDecision() {
        DecisionRef s = model.selectedProperty().get();
        int block = s == null ? -1 : s.nested() ? s.index()
                : "repeat".equals(model.decisions().stream().filter(r -> r.ref().equals(s)).findFirst()
                        .map(DecisionRow::kind).orElse("")) ? s.index() : -1;
        model.addCategorical(block, "decision" + (model.decisions().size() + 1));
        decisionName.requestFocus();
    }

    @FXML
    private void addBlock() {
        model.addRepeatBlock("layer", 4);
    }

    @FXML
    private void addSkip() {
        DecisionRef s = model.selectedProperty().get();
        if (s != null) {
            guarded(() -> model.addSkip(s.index(), "skip"));
        }
    }

    @FXML
    private void remove() {
        DecisionRef s = model.selectedProperty().get();
        if (s != null) {
            model.remove(s);
        }
    }

    @FXML
    private void moveUp() {
        DecisionRef s = model.selectedProperty().get();
        if (s != null) {
            model.move(s, -1);
        }
    }

    @FXML
    private void moveDown() {
        DecisionRef s = model.selectedProperty().get();
        if (s != null) {
            model.move(s, 1);
        }
    }

    @FXML
    private void addChoice() {
        DecisionRef s = model.selectedProperty().get();
        if (s != null) {
            model.addChoice(s, newType.getValue(), newValue.getText(), newLabel.getText());
            if (model.editErrorProperty().get().isEmpty()) {
                newValue.clear();
                newLabel.clear();
                newValue.requestFocus();
            }
        }
    }

    @FXML
    private void removeChoice() {
        ChoiceRow r = choiceTable.getSelectionModel().getSelectedItem();
        if (r != null) {
            model.removeChoice(model.selectedProperty().get(), r.index());
        }
    }

    @FXML
    private void choiceUp() {
        moveChoice(-1);
    }

    @FXML
    private void choiceDown() {
        moveChoice(1);
    }

    private void moveChoice(int delta) {
        ChoiceRow r = choiceTable.getSelectionModel().getSelectedItem();
        if (r != null) {
            model.moveChoice(model.selectedProperty().get(), r.index(), delta);
            choiceTable.getSelectionModel().select(Math.max(0, Math.min(model.choices().size() - 1, r.index() + delta)));
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage());
            a.setHeaderText("Search space");
            a.showAndWait();
        }
    }

    private static final class DecisionCell extends ListCell<DecisionRow> {
        @Override
        protected void updateItem(DecisionRow item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("has-problem");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label kind = new Label(item.kind());
            kind.getStyleClass().setAll("badge", "badge-" + item.kind());
            Label name = new Label(item.name().isEmpty() ? "(no name)" : item.name());
            name.getStyleClass().add("decision-name");
            Label summary = new Label(item.summary());
            summary.getStyleClass().add("muted");
            VBox text = new VBox(2, new HBox(6, kind, name), summary);
            if (item.problem() != null) {
                Label p = new Label("⚠ " + item.problem());
                p.getStyleClass().add("error");
                text.getChildren().add(p);
                getStyleClass().add("has-problem");
            }
            HBox box = new HBox(text);
            HBox.setHgrow(text, Priority.ALWAYS);
            box.setStyle("-fx-padding: 0 0 0 " + (item.ref().nested() ? 22 : 0) + ";");
            setText(null);
            setGraphic(box);
        }
    }
}
