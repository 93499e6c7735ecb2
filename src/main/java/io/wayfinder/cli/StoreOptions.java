package io.wayfinder.cli;

import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.task.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store}, {@code --data} and {@code --cache}, shared by every command that reads runs or data. */
public final class StoreOptions {
    public static final String STORE_ENV = "WAYFINDER_STORE";
    public static final String CACHE_ENV = "WAYFINDER_CACHE";

    @Option(names = "--store", paramLabel = "PATH|URL",
            description = "Run store: a file (SQLite), or postgresql://host[:port]/db to share runs with workers "
                    + "(default: the project's \"store\", else $WAYFINDER_STORE, else ~/.local/share/wayfinder/runs.db).")
    String store;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $WAYFINDER_DATA, else ../shared/datasets, else ./data).")
    Path data;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache directory for derived artefacts such as trained embedding modules "
                    + "(default: $WAYFINDER_CACHE, else ~/.cache/wayfinder).")
    Path cache;

    /** The store path: the flag, else the project's setting (relative to it), else the environment, else the default. */
    Path storePath(Path projectDir, String projectStore) {
        if (store != null) {
            if (RunStores.isDatabaseUrl(store)) {
                throw new IllegalArgumentException("--store: this command needs a store file, not a database URL ("
                        + RunStores.printable(store) + ")");
            }
            return Path.of(store);
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

    /** The store location: a database URL as given, else the file {@link #storePath} picks. */
    String storeLocation(Path projectDir, String projectStore) {
        if (store != null && RunStores.isDatabaseUrl(store)) {
            return store;
        }
        String env = System.getenv(STORE_ENV);
        if (store == null && projectStore == null && env != null && RunStores.isDatabaseUrl(env)) {
            return env;
        }
        return storePath(projectDir, projectStore).toString();
    }

    /** True when the store is a shared database (runs are then executed through its work queue). */
    boolean shared(Path projectDir, String projectStore) {
        return RunStores.isDatabaseUrl(storeLocation(projectDir, projectStore));
    }

    RunStore open() {
        return RunStores.open(storeLocation(null, null));
    }

    Path dataDirectory() {
        return DataDirectory.resolve(data);
    }

    /** The cache directory: the flag, else {@value #CACHE_ENV}, else {@code ~/.cache/wayfinder}. */
    Path cacheDirectory() {
        if (cache != null) {
            return cache;
        }
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "wayfinder");
    }
}
