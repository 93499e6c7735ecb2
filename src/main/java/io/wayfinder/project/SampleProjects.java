package io.wayfinder.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample projects shipped inside the jar (the repository's {@code sample-projects/} folder, search spaces
 * included), copied out to a folder so that they open and run like any project file.
 */
public final class SampleProjects {
    private static final String ROOT = "/sample-projects/";

    private SampleProjects() {
    }

    /** Copies every sample project and search space to {@code dir} (overwriting) and returns the project files. */
    public static List<Path> extractTo(Path dir) {
        URL url = SampleProjects.class.getResource(ROOT);
        if (url == null) {
            throw new IllegalStateException("the sample projects are missing from the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean close = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    close = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    return copy(fs.getPath(ROOT), dir);
                } finally {
                    if (close) {
                        fs.close();
                    }
                }
            }
            return copy(Path.of(uri), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the sample projects to " + dir + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> copy(Path from, Path dir) throws IOException {
        List<Path> projects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = from.relativize(f).toString().replace('\\', '/');
                Path target = dir.resolve(rel);
                Files.createDirectories(target.getParent());
                try (InputStream in = Files.newInputStream(f)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (!rel.contains("/") && rel.endsWith(".json")) {
                    projects.add(target);
                }
            }
        }
        return projects;
    }
}
