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
    /** Kept strongly reachable so that its filter stays on (java.util.logging holds loggers weakly). */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    public static void launch(Workbench.Options o) {
        options = o;
        quietStart();
        Application.launch(App.class);
    }

    /**
     * Opens the workbench; the last session's store and data directory (settings file) replace the defaults unless
     * they were given (flag, environment, project).
     */
    public static void launch(Workbench.Options o, boolean storeGiven, boolean dataGiven) {
        io.wayfinder.ui.common.UserSettings settings = io.wayfinder.ui.common.UserSettings.load();
        String store = !storeGiven && settings.store() != null ? settings.store() : o.store();
        if (!storeGiven && io.wayfinder.store.RunStores.isDatabaseUrl(store)) {
            // the last session's shared store may be out of reach today (server down, no password here): say so in
            // one line and open the default store instead of failing to start
            try {
                io.wayfinder.store.RunStores.open(store).close();
            } catch (RuntimeException e) {
                System.err.println("note: the last session's store cannot be opened (" + e.getMessage()
                        + "); opening " + o.store() + " instead");
                store = o.store();
            }
        }
        java.nio.file.Path data = !dataGiven && settings.dataDirectory() != null ? settings.dataDirectory()
                : o.dataDirectory();
        launch(new Workbench.Options(o.project(), store, data, o.cacheDirectory(), o.rememberRecent(), o.run(),
                o.screen(), o.space()));
    }

    /**
     * Drops the one warning JavaFX prints when its jars are on the class path ("Unsupported JavaFX configuration"):
     * {@code java -jar} cannot put them on the module path (the installed app image does). Other records pass.
     */
    static void quietStart() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        memorySettingsWithoutSessionBus();
    }

    /** The C library's setenv, for the one variable GTK must see before it starts. */
    interface CLibrary extends com.sun.jna.Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Without a D-Bus session (a bare X server, Xvfb, ssh -X) GTK's file dialogs try to save their settings through
     * dconf, fail, and print "dconf-WARNING" lines. With no session there is nowhere to keep them anyway, so GSettings'
     * memory backend is chosen (GSETTINGS_BACKEND=memory, not overriding a value the user set). On a desktop with a
     * session bus nothing changes.
     */
    static void memorySettingsWithoutSessionBus() {
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if ((bus != null && !bus.isBlank()) || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        try {
            CLibrary c = com.sun.jna.Native.loadLibrary("c", CLibrary.class);
            c.setenv("GSETTINGS_BACKEND", "memory", 0);
        } catch (LinkageError | RuntimeException e) {
            // JNA could not load the C library: GTK may print dconf warnings, nothing worse
        }
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
