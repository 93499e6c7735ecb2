package io.wayfinder.task;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the data directory: the {@code --data} flag, else the {@code WAYFINDER_DATA} environment variable, else the
 * {@code wayfinder.data} system property, else {@code ../shared/datasets} when it exists, else {@code ./data}.
 */
public final class DataDirectory {
    public static final String ENV = "WAYFINDER_DATA";
    public static final String PROPERTY = "wayfinder.data";

    private DataDirectory() {
    }

    public static Path resolve(Path flag) {
        if (flag != null) {
            return flag.toAbsolutePath().normalize();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank() && !prop.startsWith("${")) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path shared = Path.of("..", "shared", "datasets");
        if (Files.isDirectory(shared)) {
            return shared.toAbsolutePath().normalize();
        }
        return Path.of("data").toAbsolutePath();
    }
}
