package io.wayfinder.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.store.SqliteRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes {@code target/screenshot-runs.db}: a two-task tabular run with the test policy strategy (policy snapshots and
 * task embeddings), for screenshots of the dashboard until the controller strategies land. Run with
 * {@code mvn -Pbench test -Dtest=ScreenshotStoreTest}.
 */
@Tag("bench")
class ScreenshotStoreTest {
    @Test
    void writesAPolicyRunForScreenshots() throws Exception {
        Path db = Path.of("target", "screenshot-runs.db");
        Files.deleteIfExists(db);
        try (SqliteRunStore store = SqliteRunStore.open(db)) {
            long id = TabularRuns.runWithPolicy(store, TabularRuns.project(400, true), null, null);
            assertThat(store.countObserved(id)).isEqualTo(800);
        }
    }
}
