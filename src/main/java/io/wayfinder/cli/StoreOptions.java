package io.wayfinder.cli;

import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.task.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store} and {@code --data}, shared by every command that reads runs or data. */
public final class StoreOptions {
    public static final String STORE_ENV = "WAYFINDER_STORE";

    @Option(names = "--store", paramLabel = "PATH",
            description = "Run store file (default: the project's \"store\", else $WAYFINDER_STORE, "
                    + "else ~/.local/share/wayfinder/runs.db).")
    Path store;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $WAYFINDER_DATA, else ../shared/datasets, else ./data).")
    Path data;

    /** The store path: the flag, else the project's setting (relative to it), else the environment, else the default. */
    Path storePath(Path projectDir, String projectStore) {
        if (store != null) {
            return store;
        }
        if (projectStore != null) {
            return projectDir == null ? Path.of(projectStore) : projectDir.resolve(projectStore);
        }
        String env = System.getenv(STORE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return defaultStore();
    }

    static Path defaultStore() {
        return Path.of(System.getProperty("user.home"), ".local", "share", "wayfinder", "runs.db");
    }

    RunStore open() {
        return RunStores.open(storePath(null, null));
    }

    Path dataDirectory() {
        return DataDirectory.resolve(data);
    }

    Path cacheDirectory() {
        return Path.of(System.getProperty("user.home"), ".cache", "wayfinder");
    }
}
