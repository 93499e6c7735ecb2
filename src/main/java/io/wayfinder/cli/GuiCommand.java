package io.wayfinder.cli;

import io.wayfinder.ui.Workbench;
import io.wayfinder.ui.WorkbenchLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wayfinder gui [PROJECT]}: opens the JavaFX workbench. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the workbench (needs a display).")
public final class GuiCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT", arity = "0..1", description = "A project file to open.")
    Path projectFile;

    @picocli.CommandLine.Option(names = "--run", paramLabel = "ID", defaultValue = "-1",
            description = "Open this run's dashboard (following it when another process writes it).")
    long run;

    @picocli.CommandLine.Option(names = "--screen", paramLabel = "NAME",
            description = "Screen to show first: policy, evolution, rewards, trials, similarity, editor, comparison, "
                    + "inspector or workers (a distributed run's workers).")
    String screen;

    @picocli.CommandLine.Option(names = "--space", paramLabel = "FILE",
            description = "A search-space file to open in the editor.")
    Path space;

    @picocli.CommandLine.Option(names = "--inspect", paramLabel = "RUN:TRIAL",
            description = "Open the inspector on this trial (RUN:TRIAL, e.g. 3:41, or RUN:best for the run's best "
                    + "trial of its first task); give it twice to put a second trial beside the first.")
    java.util.List<String> inspect = new java.util.ArrayList<>();

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() {
        if (inspect.size() > 2) {
            System.err.println("error: --inspect: at most two trials (A and B), found " + inspect.size());
            return 2;
        }
        for (String i : inspect) {
            if (!i.matches("\\d+:(\\d+|best)")) {
                System.err.println("error: --inspect " + i + ": expected RUN:TRIAL (numbers) or RUN:best");
                return 2;
            }
        }
        WorkbenchLauncher.inspectOnOpen(inspect);
        return open(projectFile, options, run, screen, space);
    }

    static int open(Path project, StoreOptions options) {
        return open(project, options, -1, null, null);
    }

    static int open(Path project, StoreOptions options, long run, String screen, Path space) {
        if (!displayAvailable()) {
            System.err.println("error: the workbench needs a display (set DISPLAY, or run headless commands instead)");
            return 2;
        }
        String store = options.storeLocation(null, null);
        boolean storeGiven = options.store != null || System.getenv(StoreOptions.STORE_ENV) != null;
        if (project != null) {
            io.wayfinder.project.Project p = io.wayfinder.project.ProjectCodec.read(project);
            store = options.storeLocation(p.directory(), p.store());
            storeGiven |= p.store() != null;
        }
        if (io.wayfinder.store.RunStores.isDatabaseUrl(store)) {
            // an unreachable server or a wrong password is one line here, not a dialog after the window opened
            io.wayfinder.store.RunStores.open(store).close();
        }
        boolean dataGiven = options.data != null || System.getenv(io.wayfinder.task.DataDirectory.ENV) != null;
        // the settings of the last session fill in what flags, the project and the environment leave open
        WorkbenchLauncher.launch(new Workbench.Options(project, store, options.dataDirectory(), options.cacheDirectory(),
                true, run, screen, space), storeGiven, dataGiven);
        return 0;
    }

    /** Whether a screen is there: DISPLAY (or WAYLAND_DISPLAY) set and AWT not forced headless. */
    static boolean displayAvailable() {
        if (Boolean.getBoolean("java.awt.headless")) {
            return false;
        }
        String d = System.getenv("DISPLAY");
        String w = System.getenv("WAYLAND_DISPLAY");
        return (d != null && !d.isBlank()) || (w != null && !w.isBlank());
    }
}
