package io.wayfinder.ui;

import io.wayfinder.service.SearchService;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.shell.MainWindowView;
import io.wayfinder.ui.shell.MainWindowViewModel;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Builds the workbench on a stage: store, search service, main window. */
public final class Workbench {

    /**
     * How the workbench opens.
     *
     * @param project        a project file to open, or null
     * @param store          the run store file
     * @param dataDirectory  the data directory
     * @param cacheDirectory the cache directory
     * @param rememberRecent whether to read and write the recent-projects list (off in tests)
     * @param run            a run to open in the dashboard, or -1
     * @param screen         the screen to show first: policy, evolution, rewards, trials, similarity or editor; or null
     * @param space          a search-space file to open in the editor, or null
     */
    public record Options(Path project, Path store, Path dataDirectory, Path cacheDirectory, boolean rememberRecent,
                          long run, String screen, Path space) {
        public Options(Path project, Path store, Path dataDirectory, Path cacheDirectory, boolean rememberRecent) {
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
        SearchService service = new SearchService(new Searches(store, options.dataDirectory(), options.cacheDirectory()));
        MainWindowViewModel model = new MainWindowViewModel(service, options.store(), Platform::runLater,
                options.rememberRecent() ? Preferences.userNodeForPackage(Workbench.class) : null);
        MainWindowView view = new MainWindowView(model);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view.root(), Math.min(1400, screen.getWidth()), Math.min(880, screen.getHeight()));
        scene.getStylesheets().add(Workbench.class.getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Wayfinder workbench");
        stage.setOnHidden(e -> {
            model.close();
            store.close();
        });
        if (options.project() != null) {
            model.openProject(options.project());
        }
        if (options.space() != null) {
            view.editor().model().load(options.space());
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
}
