package io.wayfinder.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** Starts the JavaFX workbench from the command line ({@code wayfinder gui}); returns when the window closes. */
public final class WorkbenchLauncher {
    private static volatile Workbench.Options options;

    private WorkbenchLauncher() {
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
