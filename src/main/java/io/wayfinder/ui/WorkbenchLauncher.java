package io.wayfinder.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** Starts the JavaFX workbench from the command line ({@code wayfinder gui}); returns when the window closes. */
public final class WorkbenchLauncher {
    private static volatile Workbench.Options options;

    private WorkbenchLauncher() {
    }

    /** Kept strongly reachable so that its filter stays on (java.util.logging holds loggers weakly). */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    public static void launch(Workbench.Options o) {
        options = o;
        quietStart();
        Application.launch(App.class);
    }

    /**
     * Drops the one warning JavaFX prints when its jars are on the class path ("Unsupported JavaFX configuration"):
     * {@code java -jar} cannot put them on the module path (the installed app image does). Other records pass.
     */
    static void quietStart() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /** The JavaFX application. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Workbench.open(stage, options);
            stage.show();
        }
    }
}
