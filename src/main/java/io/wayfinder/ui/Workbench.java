package io.wayfinder.ui;

import io.wayfinder.service.SearchService;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.shell.MainWindowView;
import io.wayfinder.ui.shell.MainWindowViewModel;
import java.nio.file.Path;
import io.wayfinder.ui.common.UserSettings;
import io.wayfinder.ui.welcome.WelcomeView;
import io.wayfinder.ui.welcome.WelcomeViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Builds the workbench on a stage: store, search service, main window. */
public final class Workbench {

    /**
     * How the workbench opens.
     *
     * @param project        a project file to open, or null
     * @param store          the run store: a file (SQLite) or a database URL ({@code postgresql://host[:port]/db})
     * @param dataDirectory  the data directory
     * @param cacheDirectory the cache directory
     * @param rememberRecent whether to read and write the recent-projects list (off in tests)
     * @param run            a run to open in the dashboard, or -1
     * @param screen         the screen to show first: policy, evolution, rewards, trials, similarity or editor; or null
     * @param space          a search-space file to open in the editor, or null
     */
    public record Options(Path project, String store, Path dataDirectory, Path cacheDirectory, boolean rememberRecent,
                          long run, String screen, Path space) {
        public Options(Path project, Path store, Path dataDirectory, Path cacheDirectory, boolean rememberRecent,
                       long run, String screen, Path space) {
            this(project, store.toString(), dataDirectory, cacheDirectory, rememberRecent, run, screen, space);
        }

        public Options(Path project, Path store, Path dataDirectory, Path cacheDirectory, boolean rememberRecent) {
            this(project, store.toString(), dataDirectory, cacheDirectory, rememberRecent);
        }

        public Options(Path project, String store, Path dataDirectory, Path cacheDirectory, boolean rememberRecent) {
            this(project, store, dataDirectory, cacheDirectory, rememberRecent, -1, null, null);
        }
    }

    public static final String STYLESHEET = "/io/wayfinder/ui/workbench.css";

    private static volatile java.util.List<String> inspectOnOpen = java.util.List.of();

    private Workbench() {
    }

    /** Trials ({@code RUN:TRIAL} or {@code RUN:best}) the next window shows in the inspector, A then B. */
    public static void inspectOnOpen(java.util.List<String> trials) {
        inspectOnOpen = java.util.List.copyOf(trials);
    }

    /** Opens the main window on the stage (FX thread). The store is closed when the window closes. */
    public static MainWindowView open(Stage stage, Options options) {
        RunStore store = RunStores.open(options.store());
        return open(stage, options, store);
    }

    public static MainWindowView open(Stage stage, Options options, RunStore store) {
        UserSettings settings = options.rememberRecent() ? UserSettings.load() : UserSettings.load((Path) null);
        settings.store(options.store());
        SearchService service = new SearchService(new Searches(store, options.dataDirectory(), options.cacheDirectory()));
        MainWindowViewModel model = new MainWindowViewModel(service, options.store(), Platform::runLater, settings);
        MainWindowView view = new MainWindowView(model);

        Path share = options.rememberRecent() ? dataHome() : tempDirectory();
        WelcomeViewModel welcome = new WelcomeViewModel(share.resolve("sample-projects"), share.resolve("projects"),
                options.dataDirectory(), Platform::runLater, Workbench::inBackground, new WelcomeViewModel.Actions() {
                    @Override
                    public void openProject(Path file) {
                        view.openProjectFile(file);
                    }

                    @Override
                    public void startProject(Path file) {
                        view.startProjectFile(file);
                    }

                    @Override
                    public void openRun(long runId) {
                        view.openRunById(runId);
                    }

                    @Override
                    public void openStore(String s) {
                        view.openStore(s);
                    }
                });
        welcome.recentStores().setAll(settings.recentStores());
        welcome.recentRuns().setAll(model.runs().stream().limit(8).toList());
        model.runs().addListener((javafx.collections.ListChangeListener<io.wayfinder.run.RunRecord>) c ->
                welcome.recentRuns().setAll(model.runs().stream().limit(8).toList()));
        view.setWelcome(new WelcomeView(welcome.load()));

        UserSettings.Window w = settings.window();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view.root(), Math.min(w.width(), screen.getWidth()), Math.min(w.height(), screen.getHeight()));
        scene.getStylesheets().add(Workbench.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Wayfinder workbench");
        if (!Double.isNaN(w.x()) && screen.contains(w.x() + 20, w.y() + 20)) {
            stage.setX(w.x());
            stage.setY(w.y());
        }
        stage.setMaximized(w.maximized());
        view.split().setDividerPositions(w.divider());
        AtomicBoolean closed = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                double[] d = view.split().getDividerPositions();
                settings.window(new UserSettings.Window(stage.getX(), stage.getY(), scene.getWidth(), scene.getHeight(),
                        stage.isMaximized(), d.length > 0 ? d[0] : w.divider()));
                if (options.rememberRecent()) {
                    settings.save();
                }
                model.close();
                store.close();
            }
        };
        stage.setOnCloseRequest(e -> {
            e.consume();
            view.requestClose();
        });
        stage.setOnHidden(e -> shutdown.run());
        view.setReopen(newStore -> {
            // the new store is opened first, off the FX thread (a database may take seconds to answer, or not
            // answer): when it cannot be opened the window stays on the current store and says why
            inBackground(() -> {
                RunStore next;
                try {
                    next = RunStores.open(newStore);
                } catch (RuntimeException e) {
                    Platform.runLater(() -> {
                        javafx.scene.control.Alert a = new javafx.scene.control.Alert(
                                javafx.scene.control.Alert.AlertType.ERROR, e.getMessage());
                        a.setHeaderText("Cannot open " + RunStores.shown(newStore));
                        a.initOwner(stage);
                        a.show();
                    });
                    return;
                }
                Platform.runLater(() -> {
                    shutdown.run();
                    Path data = settings.dataDirectory() != null ? settings.dataDirectory() : options.dataDirectory();
                    settings.store(newStore);
                    if (options.rememberRecent()) {
                        settings.save();
                    }
                    open(stage, new Options(null, newStore, data, options.cacheDirectory(), options.rememberRecent()),
                            next);
                });
            });
        });
        if (options.rememberRecent()) {
            settings.save();
        }
        if (options.project() != null) {
            model.openProject(options.project());
        }
        if (options.space() != null) {
            view.editor().model().load(options.space());
            view.showScreen("editor");
        }
        if (options.run() >= 0) {
            model.openRun(options.run());
        }
        if (options.screen() != null) {
            view.showScreen(options.screen());
        }
        for (int i = 0; i < inspectOnOpen.size(); i++) {
            String[] p = inspectOnOpen.get(i).split(":");
            view.inspect(Long.parseLong(p[0]), "best".equals(p[1]) ? -1 : Integer.parseInt(p[1]), i == 1);
        }
        return view;
    }

    private static void inBackground(Runnable r) {
        Thread t = new Thread(r, "wayfinder-welcome");
        t.setDaemon(true);
        t.start();
    }

    /** $XDG_DATA_HOME/wayfinder, else ~/.local/share/wayfinder. */
    static Path dataHome() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("wayfinder");
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("wayfinder-workbench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
