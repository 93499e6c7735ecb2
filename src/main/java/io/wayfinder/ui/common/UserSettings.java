package io.wayfinder.ui.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.store.RunStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workbench's settings between sessions: data directory, run store, workers, backend, window layout, recent
 * stores and projects. One JSON file ({@code schemaVersion} 1) in the platform's usual place:
 * {@code $XDG_CONFIG_HOME/wayfinder/settings.json}, else {@code ~/.config/wayfinder/settings.json}. A missing or
 * unreadable file gives the defaults (never an error at start-up); saving writes a temporary file and moves it over.
 * Not thread-safe: used on the FX thread.
 */
public final class UserSettings {
    /** How many recent stores and projects are kept. */
    public static final int RECENT = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The window's place and size, and the navigator's divider. */
    public record Window(double x, double y, double width, double height, boolean maximized, double divider) {
        public static final Window DEFAULT = new Window(Double.NaN, Double.NaN, 1400, 880, false, 0.25);
    }

    private final Path file;
    private Path dataDirectory;
    private String store;
    private int workers;
    private String backend = "cpu";
    private Window window = Window.DEFAULT;
    private final List<String> recentStores = new ArrayList<>();
    private final List<Path> recentProjects = new ArrayList<>();

    private UserSettings(Path file) {
        this.file = file;
    }

    /** The settings file for this user, following the XDG base directory convention. */
    public static Path defaultFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("wayfinder").resolve("settings.json");
    }

    public static UserSettings load() {
        return load(defaultFile(System.getenv()));
    }

    /** Reads the file; a missing or unreadable one gives the defaults. */
    public static UserSettings load(Path file) {
        UserSettings s = new UserSettings(file);
        if (file == null || !Files.isRegularFile(file)) {
            return s;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            s.dataDirectory = path(n.get("dataDirectory"));
            s.store = location(n.get("store"));
            s.workers = Math.max(0, Math.min(256, n.path("workers").asInt(0)));
            s.backend = n.path("backend").asText("cpu");
            JsonNode w = n.get("window");
            if (w != null && w.isObject()) {
                s.window = new Window(w.path("x").asDouble(Double.NaN), w.path("y").asDouble(Double.NaN),
                        Math.max(400, w.path("width").asDouble(1400)), Math.max(300, w.path("height").asDouble(880)),
                        w.path("maximized").asBoolean(false),
                        Math.max(0.05, Math.min(0.95, w.path("divider").asDouble(0.25))));
            }
            n.path("recentStores").forEach(x -> add(s.recentStores, location(x)));
            n.path("recentProjects").forEach(x -> add(s.recentProjects, path(x)));
        } catch (IOException | RuntimeException e) {
            // a damaged settings file must not stop the workbench from opening: defaults, rewritten on the next save
        }
        return s;
    }

    private static Path path(JsonNode n) {
        return n == null || !n.isTextual() || n.asText().isBlank() ? null : Path.of(n.asText());
    }

    /** A store location from the file: a database URL never keeps a password, even one written by hand. */
    private static String location(JsonNode n) {
        return n == null || !n.isTextual() || n.asText().isBlank() ? null
                : RunStores.withoutPassword(n.asText().strip());
    }

    private static <T> void add(List<T> list, T p) {
        if (p != null && !list.contains(p) && list.size() < RECENT) {
            list.add(p);
        }
    }

    /** Writes the settings (creating the folder); returns false when the file cannot be written. */
    public boolean save() {
        if (file == null) {
            return false;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("schemaVersion", 1);
        n.put("dataDirectory", dataDirectory == null ? null : dataDirectory.toString());
        n.put("store", store);
        n.put("workers", workers);
        n.put("backend", backend);
        ObjectNode w = n.putObject("window");
        if (!Double.isNaN(window.x())) {
            w.put("x", window.x());
            w.put("y", window.y());
        }
        w.put("width", window.width());
        w.put("height", window.height());
        w.put("maximized", window.maximized());
        w.put("divider", window.divider());
        ArrayNode rs = n.putArray("recentStores");
        recentStores.forEach(rs::add);
        ArrayNode rp = n.putArray("recentProjects");
        recentProjects.forEach(p -> rp.add(p.toString()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }

    /** The data directory chosen in the workbench, or null (then the usual resolution applies). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public void dataDirectory(Path p) {
        dataDirectory = p;
    }

    /** The run store last used (a file path or a database URL without its password), or null. */
    public String store() {
        return store;
    }

    /** Remembers the store file as the current one and the first of the recent stores. */
    public void store(Path p) {
        store(p == null ? null : p.toAbsolutePath().normalize().toString());
    }

    /**
     * Remembers the store (a file path or a database URL) as the current one and the first of the recent stores. A
     * database URL is kept without its password: the password comes from {@code PGPASSWORD} or {@code ~/.pgpass}.
     */
    public void store(String location) {
        store = location == null || location.isBlank() ? null : RunStores.isDatabaseUrl(location)
                ? RunStores.withoutPassword(location.strip()) : Path.of(location).toAbsolutePath().normalize().toString();
        if (store != null) {
            recentStores.remove(store);
            recentStores.add(0, store);
            trim(recentStores);
        }
    }

    /** Trials trained at once for searches started in the workbench; 0 = what the project says. */
    public int workers() {
        return workers;
    }

    public void workers(int n) {
        if (n < 0 || n > 256) {
            throw new IllegalArgumentException("workers must be between 0 and 256, not " + n);
        }
        workers = n;
    }

    /** The ND4J backend: "cpu" (the CUDA backend is a build profile, see the README). */
    public String backend() {
        return backend;
    }

    public void backend(String b) {
        backend = b;
    }

    public Window window() {
        return window;
    }

    public void window(Window w) {
        window = w;
    }

    /** Recent stores, newest first: file paths and database URLs (without passwords). */
    public List<String> recentStores() {
        return List.copyOf(recentStores);
    }

    public List<Path> recentProjects() {
        return List.copyOf(recentProjects);
    }

    public void addRecentProject(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        recentProjects.remove(abs);
        recentProjects.add(0, abs);
        trim(recentProjects);
    }

    private static <T> void trim(List<T> list) {
        while (list.size() > RECENT) {
            list.remove(list.size() - 1);
        }
    }
}
