package io.wayfinder.ui.welcome;

import io.wayfinder.run.RunRecord;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The welcome view: the sample projects (data each needs, present or not, and how to get it), a one-click start of the
 * quickest, recent stores and runs, and a form that turns one's own data set into a project.
 */
public final class WelcomeView {
    private final WelcomeViewModel model;
    private final ScrollPane root;
    private final FlowPane cards = new FlowPane(12, 12);
    private final Button quickStart = new Button("Start the quickest sample");
    private final Label quickInfo = new Label();
    private final VBox stores = new VBox(2);
    private final VBox runs = new VBox(2);

    public WelcomeView(WelcomeViewModel model) {
        this.model = model;
        Label title = new Label("Welcome to Wayfinder");
        title.getStyleClass().add("welcome-title");
        Label subtitle = new Label("Neural architecture search that learns across tasks: start a sample, open a run, "
                + "or add your own data set.");
        subtitle.getStyleClass().add("muted");
        quickStart.setId("quickStart");
        quickStart.getStyleClass().add("primary");
        quickStart.setDisable(true);
        quickStart.setOnAction(e -> model.startQuickest());
        quickInfo.getStyleClass().add("muted");
        quickInfo.setWrapText(true);
        HBox quick = new HBox(12, quickStart, quickInfo);
        quick.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("welcomeStatus");
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add("muted");

        cards.setId("sampleCards");
        cards.setPrefWrapLength(900);

        VBox recent = new VBox(10, column("Runs in this store", runs), column("Recent stores", stores));
        recent.setId("recent");

        VBox samplesColumn = new VBox(10, section("Sample projects"), status, cards);
        HBox.setHgrow(samplesColumn, Priority.ALWAYS);
        VBox side = new VBox(10, section("Recent"), recent, section("Add your own data set as a task"), ownData());
        side.setPrefWidth(340);
        side.setMinWidth(300);
        side.getStyleClass().add("welcome-side");
        HBox columns = new HBox(24, samplesColumn, side);
        VBox content = new VBox(10, title, subtitle, quick, columns);
        content.setPadding(new Insets(18, 24, 24, 24));
        content.getStyleClass().add("welcome");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setId("welcome");
        cards.prefWrapLengthProperty().bind(samplesColumn.widthProperty());

        model.samples().addListener((ListChangeListener<WelcomeViewModel.Sample>) c -> rebuildSamples());
        model.recentStores().addListener((ListChangeListener<String>) c -> rebuildStores());
        model.recentRuns().addListener((ListChangeListener<RunRecord>) c -> rebuildRuns());
        rebuildSamples();
        rebuildStores();
        rebuildRuns();
    }

    public Parent root() {
        return root;
    }

    public WelcomeViewModel model() {
        return model;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("welcome-section");
        return l;
    }

    private static VBox column(String title, VBox list) {
        Label l = new Label(title);
        l.getStyleClass().add("section");
        return new VBox(4, l, list);
    }

    private void rebuildSamples() {
        cards.getChildren().clear();
        for (WelcomeViewModel.Sample s : model.samples()) {
            cards.getChildren().add(card(s));
        }
        var q = model.quickest();
        quickStart.setDisable(q.isEmpty());
        quickStart.setText(q.map(s -> "Start " + s.name()).orElse("Start the quickest sample"));
        quickInfo.setText(q.map(s -> s.strategy() + " · " + s.tasks() + (s.tasks() == 1 ? " task" : " tasks") + " · "
                + s.trialsPerTask() + " trials per task · " + s.speed()).orElse(model.loadedProperty().get()
                ? "no sample has its data here yet: see what each needs below" : ""));
    }

    private Node card(WelcomeViewModel.Sample s) {
        Label name = new Label(s.name());
        name.getStyleClass().add("card-title");
        Label ready = new Label(s.ready() ? "ready" : "data missing");
        ready.getStyleClass().addAll("badge", s.ready() ? "badge-ready" : "badge-missing");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, name, gap, ready);
        head.setAlignment(Pos.CENTER_LEFT);
        Label what = new Label(s.strategy() + " · " + s.tasks() + (s.tasks() == 1 ? " task" : " tasks") + " · "
                + String.format(Locale.ROOT, "%,d", s.trialsPerTask()) + " trials per task · " + s.speed());
        what.getStyleClass().add("muted");
        what.setWrapText(true);
        Label description = new Label(s.description());
        description.setWrapText(true);
        description.setMaxHeight(54);
        VBox box = new VBox(5, head, what, description);
        for (WelcomeViewModel.DataNeed d : s.data()) {
            Label need = new Label((d.present() ? "✔ " : "✘ ") + d.task() + " (" + d.kind() + "): " + d.location());
            need.getStyleClass().add(d.present() ? "data-present" : "data-missing");
            need.setWrapText(true);
            box.getChildren().add(need);
            if (!d.present()) {
                TextField how = new TextField(d.howToGet());
                how.setEditable(false);
                how.setTooltip(new javafx.scene.control.Tooltip(d.howToGet()));
                how.getStyleClass().add("command");
                box.getChildren().add(how);
            }
        }
        Button open = new Button("Open");
        open.setOnAction(e -> model.open(s));
        Button start = new Button("Start");
        start.setDisable(!s.ready());
        start.setOnAction(e -> model.start(s));
        HBox buttons = new HBox(8, open, start);
        box.getChildren().add(buttons);
        box.getStyleClass().add("sample-card");
        box.setPrefWidth(300);
        box.setId("sample-" + s.name());
        return box;
    }

    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void rebuildStores() {
        stores.getChildren().clear();
        for (String p : model.recentStores()) {
            Hyperlink h = new Hyperlink(io.wayfinder.store.RunStores.shown(p));
            h.setMnemonicParsing(false);
            h.setOnAction(e -> model.openStore(p));
            stores.getChildren().add(h);
        }
        Hyperlink other = new Hyperlink("Open another store…");
        other.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Open a run store");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Run store (SQLite)", "*.db", "*.sqlite"));
            File f = c.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                model.openStore(f.toPath());
            }
        });
        stores.getChildren().add(other);
        Hyperlink shared = new Hyperlink("Open a shared store (PostgreSQL)…");
        shared.setId("openSharedStore");
        shared.setOnAction(e -> SharedStoreDialog.ask(root.getScene().getWindow()).ifPresent(url -> {
            String error = model.openDatabase(url);
            if (error != null) {
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.ERROR, error);
                a.setHeaderText("Not a shared store");
                a.initOwner(root.getScene().getWindow());
                a.show();
            }
        }));
        stores.getChildren().add(shared);
    }

    private void rebuildRuns() {
        runs.getChildren().clear();
        if (model.recentRuns().isEmpty()) {
            Label none = new Label("no runs yet: start a sample above");
            none.getStyleClass().add("muted");
            runs.getChildren().add(none);
        }
        for (RunRecord r : model.recentRuns()) {
            Hyperlink h = new Hyperlink("#" + r.id() + " " + r.name() + " · " + r.strategy() + " · "
                    + r.status().name().toLowerCase(Locale.ROOT));
            h.setOnAction(e -> model.openRun(r.id()));
            runs.getChildren().add(h);
        }
    }

    private Node ownData() {
        TextField name = new TextField();
        name.setPromptText("task name, e.g. my-reviews");
        name.setId("ownName");
        ChoiceBox<WelcomeViewModel.DataKind> kind = new ChoiceBox<>();
        kind.getItems().setAll(WelcomeViewModel.DataKind.values());
        kind.getSelectionModel().select(0);
        kind.setId("ownKind");
        TextField location = new TextField();
        location.setPromptText("a .tsv file or a folder of IDX files");
        location.setId("ownLocation");
        location.setPrefColumnCount(18);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            File f;
            if (kind.getValue() == WelcomeViewModel.DataKind.TEXT) {
                FileChooser c = new FileChooser();
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter("label<TAB>text (TSV)", "*.tsv", "*.txt"));
                f = c.showOpenDialog(root.getScene().getWindow());
            } else {
                f = new DirectoryChooser().showDialog(root.getScene().getWindow());
            }
            if (f != null) {
                location.setText(f.getPath());
            }
        });
        Button create = new Button("Create project");
        create.setId("ownCreate");
        create.setOnAction(e -> model.addOwnData(name.getText(), kind.getValue(),
                location.getText().isBlank() ? null : Path.of(location.getText().strip())));
        Label message = new Label();
        message.setId("ownMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.newTaskMessageProperty());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, fixed("Name"), name);
        g.addRow(1, fixed("Kind"), kind);
        g.addRow(2, fixed("Data"), new HBox(6, location, browse));
        g.add(create, 1, 3);
        g.add(message, 1, 4);
        Label help = new Label("Writes a project (AML controller, 30 trials) next to your settings and opens it: text "
                + "trains the T-AML two-tower network, images the Zoph & Le conv net. No JSON to edit.");
        help.getStyleClass().add("muted");
        help.setWrapText(true);
        return new VBox(6, help, g);
    }
}
