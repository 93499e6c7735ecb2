package io.wayfinder.ui.shell;

import io.wayfinder.project.Project;
import io.wayfinder.run.RunRecord;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.Decision;
import io.wayfinder.space.RepeatBlock;
import io.wayfinder.ui.dashboard.DashboardView;
import io.wayfinder.ui.dashboard.DashboardViewModel;
import io.wayfinder.ui.editor.SearchSpaceEditorView;
import io.wayfinder.ui.editor.SearchSpaceEditorViewModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The workbench's main window: menu, toolbar, navigator, screens and status bar. */
public final class MainWindowView {
    @FXML private Menu recentMenu;
    @FXML private MenuItem startItem;
    @FXML private MenuItem pauseItem;
    @FXML private MenuItem stopItem;
    @FXML private Button startButton;
    @FXML private Button pauseButton;
    @FXML private Button resumeButton;
    @FXML private Button stopButton;
    @FXML private Label projectLabel;
    @FXML private TreeView<NavItem> navigator;
    @FXML private TabPane screens;
    @FXML private Tab welcomeTab;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private Tab dashboardTab;
    @FXML private Tab editorTab;
    @FXML private Label stateLabel;
    @FXML private ProgressBar progress;
    @FXML private Label trialsLabel;
    @FXML private Label etaLabel;
    @FXML private Label messageLabel;
    @FXML private Label storeLabel;

    private final MainWindowViewModel model;
    private final SearchSpaceEditorView editor;
    private final Parent root;
    private DashboardView dashboard;
    private io.wayfinder.ui.compare.ComparisonView comparison;
    private final Tab comparisonTab = new Tab("Comparison");
    private io.wayfinder.ui.inspector.InspectorScreen inspector;
    private final Tab inspectorTab = new Tab("Inspector");
    private final io.wayfinder.ui.workers.WorkersView workers = new io.wayfinder.ui.workers.WorkersView();
    private final Tab workersTab = new Tab("Workers");
    private io.wayfinder.ui.welcome.WelcomeView welcome;
    private java.util.function.Consumer<String> reopenWithStore = p -> { };
    private boolean closing;

    public MainWindowView(MainWindowViewModel model) {
        this.model = model;
        this.editor = new SearchSpaceEditorView(new SearchSpaceEditorViewModel());
        root = io.wayfinder.ui.common.Fxml.load(this, "/io/wayfinder/ui/shell/MainWindow.fxml");
    }

    public Parent root() {
        return root;
    }

    public MainWindowViewModel model() {
        return model;
    }

    public SearchSpaceEditorView editor() {
        return editor;
    }

    public DashboardView dashboard() {
        return dashboard;
    }

    public TabPane screens() {
        return screens;
    }

    public javafx.scene.control.SplitPane split() {
        return split;
    }

    /** Shows the welcome view in its tab (and selects it). */
    public void setWelcome(io.wayfinder.ui.welcome.WelcomeView view) {
        welcome = view;
        welcomeTab.setContent(view.root());
        screens.getSelectionModel().select(welcomeTab);
    }

    public io.wayfinder.ui.welcome.WelcomeView welcome() {
        return welcome;
    }

    /** What "open another store" and a changed data directory do: reopen the workbench (set by the workbench). */
    public void setReopen(java.util.function.Consumer<String> withStore) {
        reopenWithStore = withStore;
    }

    /** Opens a project (from the welcome view): asks first when the editor has unsaved changes. */
    public void openProjectFile(Path file) {
        if (confirmDiscardEdits()) {
            guarded(() -> {
                model.openProject(file);
                screens.getSelectionModel().select(dashboardTab);
            });
        }
    }

    /** Opens a project and starts its search (the welcome view's Start). */
    public void startProjectFile(Path file) {
        if (!confirmDiscardEdits()) {
            return;
        }
        guarded(() -> {
            model.openProject(file);
            model.startSearch();
        });
    }

    /** Opens a run's dashboard (the welcome view's recent runs). */
    public void openRunById(long id) {
        guarded(() -> model.openRun(id));
    }

    /** Switches to another run store file (the welcome view's recent stores). */
    public void openStore(Path store) {
        openStore(store.toString());
    }

    /** Switches to another run store: a file, or a database URL ({@code postgresql://host[:port]/db}). */
    public void openStore(String store) {
        if (sameStore(store, model.storeLocation())) {
            return;
        }
        if (model.service().busy()) {
            guarded(() -> {
                throw new IllegalStateException("a search is running in this store; stop it before opening another");
            });
            return;
        }
        if (confirmDiscardEdits()) {
            reopenWithStore.accept(store);
        }
    }

    private static boolean sameStore(String a, String b) {
        if (io.wayfinder.store.RunStores.isDatabaseUrl(a) || io.wayfinder.store.RunStores.isDatabaseUrl(b)) {
            return io.wayfinder.store.RunStores.withoutPassword(a.strip())
                    .equals(io.wayfinder.store.RunStores.withoutPassword(b.strip()));
        }
        return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }

    /**
     * True when the editor has no unsaved changes, or the user chose to save or discard them (a dialog: Save, Discard,
     * Cancel).
     */
    public boolean confirmDiscardEdits() {
        if (!editor.model().dirtyProperty().get()) {
            return true;
        }
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType("Save",
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType("Discard changes",
                javafx.scene.control.ButtonBar.ButtonData.NO);
        Path f = editor.model().fileProperty().get();
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The search space " + (f == null ? "(new, never saved)"
                : f.getFileName().toString()) + " has unsaved changes.", save, discard,
                javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("Save your changes to the search space?");
        a.getDialogPane().setId("unsavedDialog");
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            a.initOwner(root.getScene().getWindow());
        }
        javafx.scene.control.ButtonType r = a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        if (r == save) {
            screens.getSelectionModel().select(editorTab);
            editor.save();
            return !editor.model().dirtyProperty().get();
        }
        return r == discard;
    }

    /**
     * Closes the window. While a search runs it asks first ("Stop and quit" or "Cancel"); stopping marks the trials in
     * flight interrupted (nothing recorded is lost; {@code wayfinder resume RUN} redoes them and continues the run)
     * and closes when the search has ended. Ctrl+Q and the window's close button both come here.
     */
    public void requestClose() {
        if (closing) {
            return;
        }
        if (!model.service().busy()) {
            if (confirmDiscardEdits()) {
                closing = true;
                root.getScene().getWindow().hide();
            }
            return;
        }
        var p = model.service().progress();
        javafx.scene.control.ButtonType stopAndQuit = new javafx.scene.control.ButtonType("Stop and quit",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Run " + p.runId() + " has " + String.format(Locale.ROOT, "%,d", p.observed())
                + " of " + String.format(Locale.ROOT, "%,d", p.requested()) + " trials. Stop it and quit? Finished trials are kept; trials in flight are marked interrupted, and "
                + "`wayfinder resume " + p.runId() + "` redoes them and continues the run later.", stopAndQuit, javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("A search is running");
        a.getDialogPane().setId("quitDialog");
        a.initOwner(root.getScene().getWindow());
        a.resultProperty().addListener((o, before, r) -> {
            if (r == stopAndQuit) {
                closing = true;
                messageLabel.textProperty().unbind();
                messageLabel.setText("stopping the search…");
                model.stopThen(() -> root.getScene().getWindow().hide());
            }
        });
        a.show();
    }

    @FXML
    private void initialize() {
        stateLabel.textProperty().bind(model.stateProperty());
        trialsLabel.textProperty().bind(model.trialsProperty());
        etaLabel.textProperty().bind(model.etaProperty());
        messageLabel.textProperty().bind(model.messageProperty());
        progress.progressProperty().bind(model.fractionProperty());
        storeLabel.setText("store " + model.storeShown());
        startButton.disableProperty().bind(model.canStartProperty().not());
        startItem.disableProperty().bind(model.canStartProperty().not());
        pauseButton.disableProperty().bind(model.canPauseProperty().not());
        resumeButton.disableProperty().bind(model.canResumeProperty().not());
        stopButton.disableProperty().bind(model.canStopProperty().not());
        stopItem.disableProperty().bind(model.canStopProperty().not());
        pauseItem.disableProperty().bind(model.canPauseProperty().or(model.canResumeProperty()).not());
        stateLabel.textProperty().addListener((o, a, b) -> {
            stateLabel.getStyleClass().removeIf(s -> s.startsWith("state-"));
            stateLabel.getStyleClass().add("state-" + b.split(" ")[0]);
        });

        editorTab.setContent(editor.root());
        comparisonTab.setId("comparisonTab");
        screens.getTabs().add(comparisonTab);
        comparisonTab.setOnSelectionChanged(e -> {
            if (comparisonTab.isSelected() && comparison == null) {
                comparisonView();
            }
        });
        navigator.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        inspector = new io.wayfinder.ui.inspector.InspectorScreen(
                new io.wayfinder.ui.inspector.TrialSource(model.store()));
        inspectorTab.setId("inspectorTab");
        inspectorTab.setContent(inspector);
        screens.getTabs().add(inspectorTab);
        inspector.refreshRuns();
        model.runs().addListener((javafx.collections.ListChangeListener<RunRecord>) c -> inspector.refreshRuns());
        attachWorkers();
        showDashboardPlaceholder();
        model.dashboardProperty().addListener((o, a, b) -> showDashboard(b));
        model.projectProperty().addListener((o, a, b) -> {
            rebuildNavigator();
            projectLabel.setText(b == null ? "" : "project " + b.name() + " · " + b.strategy().name());
            loadSpaceOf(b);
        });
        model.runs().addListener((javafx.collections.ListChangeListener<RunRecord>) c -> rebuildNavigator());
        model.recentProjects().addListener((javafx.collections.ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();
        rebuildNavigator();
        navigator.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openSelectedRun();
            }
        });
        navigator.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelectedRun();
            }
        });
    }

    /** The Workers screen follows the run the dashboard shows; it reads the store only while it is on show. */
    private void attachWorkers() {
        workersTab.setId("workersTab");
        workersTab.setContent(workers);
        screens.getTabs().add(workersTab);
        workersTab.selectedProperty().addListener((o, a, b) -> workers.shown(b));
        model.dashboardProperty().addListener((o, a, b) -> {
            if (b == null) {
                workers.setModel(null);
            } else if (workers.model() == null || workers.model().runId() != b.runId()) {
                workers.setModel(new io.wayfinder.ui.workers.WorkersViewModel(model.store(), b.runId(),
                        javafx.application.Platform::runLater).start(2_000));
            }
        });
        screens.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, a2, w) -> {
                    if (w != null) {
                        w.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> workers.setModel(null));
                    }
                });
            }
        });
    }

    /** The Workers screen (a distributed run's workers and the worker of each trial). */
    public io.wayfinder.ui.workers.WorkersView workers() {
        return workers;
    }

    /** Shows the Workers screen. */
    public void showWorkers() {
        screens.getSelectionModel().select(workersTab);
    }

    private void showDashboardPlaceholder() {
        Label l = new Label("Open a run from the navigator (double-click or Enter), or open a project and press F5 to "
                + "start a search.");
        l.getStyleClass().add("placeholder");
        VBox box = new VBox(l);
        box.getStyleClass().add("placeholder-box");
        dashboardTab.setContent(box);
    }

    private void showDashboard(DashboardViewModel vm) {
        if (vm == null) {
            dashboard = null;
            showDashboardPlaceholder();
            return;
        }
        int tab = dashboard == null ? 0 : dashboard.tabs().getSelectionModel().getSelectedIndex();
        dashboard = new DashboardView(vm);
        attachInspector(dashboard, vm.runId());
        dashboard.tabs().getSelectionModel().select(tab);
        dashboardTab.setContent(dashboard.root());
        screens.getSelectionModel().select(dashboardTab);
    }

    /** The inspector pane beside the dashboard's trial table; its buttons open the trial in the inspector screen. */
    private void attachInspector(DashboardView d, long runId) {
        io.wayfinder.ui.inspector.InspectorPane side = new io.wayfinder.ui.inspector.InspectorPane(true,
                "inspectorSide");
        side.addAction("Open in inspector", f -> {
            inspector.selectRun(runId);
            inspector.showA(f);
            screens.getSelectionModel().select(inspectorTab);
        });
        side.addAction("Compare in inspector", f -> {
            inspector.selectRun(runId);
            inspector.showB(f);
            screens.getSelectionModel().select(inspectorTab);
        });
        d.attachInspector(side, row -> {
            int seq = row.seq();
            java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> inspector.source().trial(runId, seq).orElse(null))
                    .thenAccept(f -> javafx.application.Platform.runLater(() -> {
                        if (f != null) {
                            side.show(f);
                        }
                    }));
        });
    }

    public io.wayfinder.ui.inspector.InspectorScreen inspector() {
        return inspector;
    }

    /** Shows trial {@code seq} (or, when negative, the best trial of the run's first task) in the inspector. */
    public void inspect(long runId, int seq, boolean asB) {
        screens.getSelectionModel().select(inspectorTab);
        inspector.selectRun(runId);
        if (seq >= 0) {
            inspector.show(runId, seq, asB);
        } else {
            inspector.showBest(runId, 0, asB);
        }
    }

    /** Shows the inspector screen. */
    public void showInspector() {
        screens.getSelectionModel().select(inspectorTab);
    }

    private void loadSpaceOf(Project p) {
        // the previous project's message (e.g. a space that did not load) does not outlive it
        messageLabel.textProperty().bind(model.messageProperty());
        if (p == null || p.spaceFile() == null || p.directory() == null) {
            return;
        }
        Path f = p.directory().resolve(p.spaceFile());
        if (Files.exists(f)) {
            try {
                editor.model().load(f);
            } catch (RuntimeException e) {
                messageLabel.textProperty().unbind();
                messageLabel.setText("could not load " + f + ": " + e.getMessage());
            }
        }
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : model.recentProjects()) {
            MenuItem m = new MenuItem(p.toString());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> openProjectFile(p));
            recentMenu.getItems().add(m);
        }
        recentMenu.setDisable(model.recentProjects().isEmpty());
    }

    private void rebuildNavigator() {
        TreeItem<NavItem> rootItem = new TreeItem<>(NavItem.of("root", NavItem.Kind.GROUP));
        Project p = model.projectProperty().get();
        if (p != null) {
            TreeItem<NavItem> project = new TreeItem<>(NavItem.of("Project " + p.name(), NavItem.Kind.PROJECT));
            TreeItem<NavItem> space = new TreeItem<>(NavItem.of("Search space " + p.space().name() + " ("
                    + String.format(Locale.ROOT, "%,d", p.space().configurationCount()) + " configurations)",
                    NavItem.Kind.SPACE));
            for (Decision d : p.space().decisions()) {
                String text = d instanceof RepeatBlock r ? d.name() + " × " + r.count() : d.name();
                space.getChildren().add(new TreeItem<>(NavItem.of(text, NavItem.Kind.DECISION)));
            }
            TreeItem<NavItem> tasks = new TreeItem<>(NavItem.of("Tasks (" + p.tasks().size() + ")", NavItem.Kind.GROUP));
            for (TaskSpec t : p.tasks()) {
                tasks.getChildren().add(new TreeItem<>(NavItem.of(t.name() + " · " + t.kind() + " · " + t.metric(),
                        NavItem.Kind.TASK)));
            }
            project.getChildren().add(space);
            project.getChildren().add(tasks);
            project.setExpanded(true);
            tasks.setExpanded(true);
            rootItem.getChildren().add(project);
        }
        TreeItem<NavItem> runs = new TreeItem<>(NavItem.of("Runs in store (" + model.runs().size() + ")",
                NavItem.Kind.GROUP));
        for (RunRecord r : model.runs()) {
            runs.getChildren().add(new TreeItem<>(new NavItem("#" + r.id() + " " + r.name() + " · " + r.strategy()
                    + " · " + model.statusOf(r), NavItem.Kind.RUN, r.id())));
        }
        runs.setExpanded(true);
        rootItem.getChildren().add(runs);
        navigator.setRoot(rootItem);
    }

    @FXML
    void openProject() {
        if (!confirmDiscardEdits()) {
            return;
        }
        FileChooser c = new FileChooser();
        c.setTitle("Open project");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Wayfinder project (JSON)", "*.json"));
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            guarded(() -> model.openProject(f.toPath()));
        }
    }

    @FXML
    private void openSpace() {
        screens.getSelectionModel().select(editorTab);
        if (confirmDiscardEdits()) {
            editor.open();
        }
    }

    @FXML
    private void saveSpace() {
        screens.getSelectionModel().select(editorTab);
        editor.save();
    }

    @FXML
    private void undo() {
        if (screens.getSelectionModel().getSelectedItem() == editorTab) {
            editor.undo();
        }
    }

    @FXML
    private void redo() {
        if (screens.getSelectionModel().getSelectedItem() == editorTab) {
            editor.redo();
        }
    }

    @FXML
    private void quit() {
        requestClose();
    }

    @FXML
    private void showWelcome() {
        screens.getSelectionModel().select(welcomeTab);
    }

    @FXML
    private void preferences() {
        PreferencesDialog.show(root.getScene().getWindow(), model.settings(), reopenWithStore, model.storeLocation());
    }

    @FXML
    void start() {
        guarded(model::startSearch);
    }

    @FXML
    private void pause() {
        model.pause();
    }

    @FXML
    private void resume() {
        model.resume();
    }

    @FXML
    private void togglePause() {
        model.togglePause();
    }

    @FXML
    private void stop() {
        model.stop();
    }

    @FXML
    void openSelectedRun() {
        TreeItem<NavItem> item = navigator.getSelectionModel().getSelectedItem();
        if (item != null && item.getValue().kind() == NavItem.Kind.RUN) {
            long id = item.getValue().runId();
            guarded(() -> model.openRun(id));
        }
    }

    /** Compares the runs selected in the navigator on the comparison screen. */
    @FXML
    void compareSelected() {
        java.util.List<Long> ids = navigator.getSelectionModel().getSelectedItems().stream()
                .filter(i -> i != null && i.getValue().kind() == NavItem.Kind.RUN)
                .map(i -> i.getValue().runId()).sorted().toList();
        if (ids.isEmpty()) {
            screens.getSelectionModel().select(comparisonTab);
            comparisonView().model().statusProperty().set("Select runs in the navigator first (Ctrl+click or "
                    + "Shift+click: RS, AML and T-AML runs, several seeds each).");
            return;
        }
        compareRuns(ids);
    }

    /** Shows the comparison of these runs. */
    public io.wayfinder.ui.compare.ComparisonView compareRuns(java.util.List<Long> runIds) {
        io.wayfinder.ui.compare.ComparisonView v = comparisonView();
        screens.getSelectionModel().select(comparisonTab);
        v.model().compare(runIds);
        return v;
    }

    /** The comparison screen (created on first use). */
    public io.wayfinder.ui.compare.ComparisonView comparisonView() {
        if (comparison == null) {
            comparison = new io.wayfinder.ui.compare.ComparisonView(model.comparison());
            comparisonTab.setContent(comparison.root());
            // one click from a row to the best trial of that strategy: the inspector on that trial
            model.comparison().onOpenTrialProperty().set(t -> guarded(() -> inspect(t.runId(), t.seq(), false)));
        }
        return comparison;
    }

    /** Selects a run in the navigator (keyboard users and tests). */
    public void selectRun(long runId) {
        for (TreeItem<NavItem> group : navigator.getRoot().getChildren()) {
            for (TreeItem<NavItem> item : group.getChildren()) {
                if (item.getValue().kind() == NavItem.Kind.RUN && item.getValue().runId() == runId) {
                    navigator.getSelectionModel().select(item);
                }
            }
        }
    }

    @FXML
    private void refreshRuns() {
        model.refreshRuns();
    }

    @FXML
    private void showDashboard() {
        screens.getSelectionModel().select(dashboardTab);
    }

    @FXML
    private void showEditor() {
        screens.getSelectionModel().select(editorTab);
    }

    /** Shows a screen by name: policy, evolution, rewards, trials, similarity (dashboard tabs) or editor. */
    public void showScreen(String name) {
        if ("editor".equals(name)) {
            screens.getSelectionModel().select(editorTab);
            return;
        }
        if ("comparison".equals(name)) {
            screens.getSelectionModel().select(comparisonTab);
            return;
        }
        if ("inspector".equals(name)) {
            screens.getSelectionModel().select(inspectorTab);
            return;
        }
        if ("workers".equals(name)) {
            screens.getSelectionModel().select(workersTab);
            return;
        }
        java.util.List<String> tabs = java.util.List.of("policy", "evolution", "rewards", "trials", "similarity",
                "population", "densities");
        int i = Math.min(5, tabs.indexOf(name));
        if (i < 0) {
            throw new IllegalArgumentException("no screen " + name + "; one of " + tabs + " or editor, inspector, workers");
        }
        screens.getSelectionModel().select(dashboardTab);
        if (dashboard != null) {
            dashboard.tabs().getSelectionModel().select(i);
        }
    }

    @FXML
    private void focusNavigator() {
        navigator.requestFocus();
    }

    @FXML
    private void shortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, String.join("\n",
                "Ctrl+O  open project", "F5  start search", "F6  pause / resume", "Shift+F5  stop",
                "Enter / Ctrl+Enter  open the selected run", "Ctrl+Shift+R  refresh runs",
                "Ctrl+Shift+C  compare the runs selected in the navigator",
                "Ctrl+1 / Ctrl+2  dashboard / search-space editor", "Ctrl+L  focus navigator",
                "Ctrl+S  save search space", "Ctrl+Z / Ctrl+Shift+Z  undo / redo", "Ctrl+Q  quit"));
        a.setHeaderText("Keyboard shortcuts");
        a.showAndWait();
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage());
            a.setHeaderText("Wayfinder");
            a.showAndWait();
        }
    }
}
