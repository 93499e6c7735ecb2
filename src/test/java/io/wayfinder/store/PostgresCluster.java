package io.wayfinder.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary folder and {@code pg_ctl start} on a free
 * port (Debian's {@code postgresql} package; as root the server runs as the {@code postgres} user, since PostgreSQL
 * refuses to run as root). One cluster serves the whole test JVM and is stopped when it exits; every caller gets a
 * fresh database. Tests are skipped, with a message, only when the binaries are not installed.
 */
public final class PostgresCluster {
    private static PostgresCluster shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;

    private PostgresCluster(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** The binaries directory of the newest installed PostgreSQL, if any. */
    static Optional<Path> binaries() {
        String env = System.getenv("WAYFINDER_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Optional.of(Path.of(env));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The shared cluster, started on first use; skips the calling test when PostgreSQL is not installed. */
    public static synchronized PostgresCluster get() {
        if (shared == null) {
            Optional<Path> bin = binaries();
            Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb;"
                    + " apt-get install postgresql): skipping the PostgreSQL store tests");
            try {
                shared = start(bin.get());
            } catch (Exception e) {
                throw new IllegalStateException("could not start a throwaway PostgreSQL cluster: " + e.getMessage(), e);
            }
            PostgresCluster c = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "stop-test-postgres"));
        }
        return shared;
    }

    private static PostgresCluster start(Path bin) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("wayfinder-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresCluster c = new PostgresCluster(bin, dir, port, root);
        if (root) {
            c.exec(List.of("chown", "postgres:postgres", dir.toString()), false, 30);
            c.exec(List.of("chmod", "700", dir.toString()), false, 30);
        }
        Path data = dir.resolve("data");
        c.exec(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "wayfinder", "--auth=trust",
                "-E", "UTF8", "--no-sync"), true, 120);
        c.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200 -c shared_buffers=32MB", "start"), true, 90);
        return c;
    }

    private void exec(List<String> command, boolean asPostgres, int timeoutSeconds) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asPostgres && asRoot) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Path log = Files.createTempFile("wayfinder-pg-cmd", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + out);
        }
    }

    public int port() {
        return port;
    }

    /** A new, empty database; returns its store URL ({@code postgresql://127.0.0.1:PORT/NAME?user=wayfinder}). */
    public String newDatabase() {
        String name = "wf_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "wayfinder", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return "postgresql://127.0.0.1:" + port + "/" + name + "?user=wayfinder";
    }

    void stop() {
        try {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"), true, 60);
        } catch (Exception ignored) {
            // the JVM is exiting; the temporary folder goes either way
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
