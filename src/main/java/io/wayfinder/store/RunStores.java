package io.wayfinder.store;

import java.nio.file.Path;

/**
 * The one place where run stores are opened. A location is a file path (the embedded SQLite store) or, once a
 * shared store is added, a database URL; callers never name an implementation.
 */
public final class RunStores {
    private RunStores() {
    }

    /** Opens (creating and migrating as needed) the store at this location. */
    public static RunStore open(String location) {
        if (location == null || location.isBlank()) {
            throw new StoreException("no run store location given", null);
        }
        return open(Path.of(location));
    }

    /** Opens (creating and migrating as needed) the embedded store in this file. */
    public static RunStore open(Path file) {
        return SqliteRunStore.open(file);
    }
}
