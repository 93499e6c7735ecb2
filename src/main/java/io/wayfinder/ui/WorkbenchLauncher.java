package io.wayfinder.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** Starts the JavaFX workbench from the command line ({@code wayfinder gui}); returns when the window closes. */
public final class WorkbenchLauncher {
    private static volatile Workbench.Options options;

    private WorkbenchLauncher() {
    }

    /** Trials ({@code RUN:TRIAL} or {@code RUN:best}) the window shows in the inspector when it opens, A then B. */
    public static void inspectOnOpen(java.util.List<String> trials) {
        Workbench.inspectOnOpen(trials);
    }

    public static void launch(Workbench.Options o) {
        options = o;
        Application.launch(App.class);
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
