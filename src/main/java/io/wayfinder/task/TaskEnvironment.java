package io.wayfinder.task;

import java.nio.file.Path;

/**
 * Where an evaluator finds things.
 *
 * @param dataDirectory the data directory ({@code --data}, {@code WAYFINDER_DATA}); may not exist
 * @param projectDirectory the folder of the project file (relative paths resolve against it after the data dir)
 * @param cacheDirectory where derived artefacts (feature caches, trained embedding modules) may be kept
 */
public record TaskEnvironment(Path dataDirectory, Path projectDirectory, Path cacheDirectory) {

    /** Resolves a task's data location: absolute as is, else under the data directory, else the project folder. */
    public Path resolve(String location) {
        Path p = Path.of(location);
        if (p.isAbsolute()) {
            return p;
        }
        Path inData = dataDirectory.resolve(p);
        if (java.nio.file.Files.exists(inData) || projectDirectory == null) {
            return inData;
        }
        Path inProject = projectDirectory.resolve(p);
        return java.nio.file.Files.exists(inProject) ? inProject : inData;
    }
}
