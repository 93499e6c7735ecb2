package io.wayfinder.store;

import java.nio.file.Path;

/**
 * The one place where run stores are opened. A location is a file path (the embedded SQLite store) or a PostgreSQL
 * URL ({@code postgresql://host[:port]/db} or {@code jdbc:postgresql://...}: the shared store that workers on other
 * machines use); callers never name an implementation.
 */
public final class RunStores {
    private RunStores() {
    }

    /** Opens (creating and migrating as needed) the store at this location. */
    public static RunStore open(String location) {
        if (location == null || location.isBlank()) {
            throw new StoreException("no run store location given", null);
        }
        if (PostgresLocation.isPostgres(location)) {
            return PostgresRunStore.open(location);
        }
        return open(Path.of(location));
    }

    /** True when a location names a shared database rather than a file. */
    public static boolean isDatabaseUrl(String location) {
        return location != null && PostgresLocation.isPostgres(location);
    }

    /** A location as it may be printed: user information and passwords removed from a database URL. */
    public static String printable(String location) {
        return location == null ? "" : PostgresLocation.redact(location);
    }

    /** Opens (creating and migrating as needed) the embedded store in this file. */
    public static RunStore open(Path file) {
        return SqliteRunStore.open(file);
    }
}
