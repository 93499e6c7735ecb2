package io.wayfinder.store;

import java.nio.file.Files;
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

    /**
     * A location as a screen shows it: {@code postgresql://host:port/db} for a database (no user name, no password,
     * no parameters), the path for a file.
     */
    public static String shown(String location) {
        if (!isDatabaseUrl(location)) {
            return location == null ? "" : location;
        }
        try {
            return PostgresLocation.parse(location).shown();
        } catch (StoreException e) {
            return printable(location);
        }
    }

    /**
     * A location as it may be remembered (a settings file, a recent-stores list): a database URL keeps its user name
     * but loses any password (in the user information or a {@code password=} parameter), so that the password comes
     * from {@code PGPASSWORD} or {@code ~/.pgpass} when it is opened again; a file path is returned as it is.
     */
    public static String withoutPassword(String location) {
        if (!isDatabaseUrl(location)) {
            return location;
        }
        return PostgresLocation.withoutPassword(location.strip());
    }

    /**
     * Opens (creating and migrating as needed) the embedded store in this file. A path that is a directory or a
     * device, or a file that is not a Wayfinder store, is a one-line {@link StoreException} naming the path.
     */
    public static RunStore open(Path file) {
        if (Files.isDirectory(file)) {
            throw new StoreException(file + ": a run store file was expected, this is a directory (name a file in "
                    + "it, e.g. " + file.resolve("runs.db") + ")", null);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StoreException(file + ": a run store file was expected, this is a device, pipe or socket", null);
        }
        return SqliteRunStore.open(file);
    }

    /**
     * Opens the store at this location for a run that may fail to start: when the store file did not exist before,
     * {@link Created#discard()} removes what opening it created, so a run that cannot start leaves nothing behind.
     */
    public static Created openForNewRun(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path firstMissing = null;
        for (Path p = absolute.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            firstMissing = p;
        }
        boolean existed = Files.exists(absolute);
        return new Created(open(file), existed ? null : absolute, firstMissing);
    }

    /** A store opened by {@link #openForNewRun}, with what opening it created. */
    public record Created(RunStore store, Path createdFile, Path createdFolder) {
        /** Closes the store and deletes the file (and folders) that opening it created, if any. */
        public void discard() {
            store.close();
            if (createdFile == null) {
                return;
            }
            try {
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                    Files.deleteIfExists(Path.of(createdFile + suffix));
                }
                if (createdFolder != null) {
                    for (Path p = createdFile.getParent(); p != null && p.startsWith(createdFolder); p = p.getParent()) {
                        Files.deleteIfExists(p);
                    }
                }
            } catch (java.io.IOException e) {
                // best effort: the store is closed and empty
            }
        }
    }
}
