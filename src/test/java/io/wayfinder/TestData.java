package io.wayfinder;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wayfinder.task.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared data directory for tests; tests that need it skip with a clear message when it is absent. */
public final class TestData {
    private TestData() {
    }

    public static Path dataDirectory() {
        return DataDirectory.resolve(null);
    }

    /** The file under the data directory, or a skipped test saying what is missing. */
    public static Path require(String relative) {
        Path p = dataDirectory().resolve(relative);
        assumeTrue(Files.exists(p), "data file " + p + " is absent: set WAYFINDER_DATA (or -Dwayfinder.data) to the "
                + "shared datasets folder to run this test");
        return p;
    }

    /** The repository's sample-projects folder. */
    public static Path samples() {
        return Path.of("sample-projects").toAbsolutePath();
    }
}
