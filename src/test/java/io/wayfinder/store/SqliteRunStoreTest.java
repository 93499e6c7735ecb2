package io.wayfinder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRunStoreTest extends RunStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected RunStore newStore() {
        return SqliteRunStore.open(dir.resolve("runs.db"));
    }

    @Test
    void aSecondConnectionReadsWhatTheFirstIsWriting() {
        long run = store.createRun(newRun("live"));
        try (SqliteRunStore reader = SqliteRunStore.open(dir.resolve("runs.db"))) {
            for (int i = 0; i < 5; i++) {
                store.finishTrial(store.startTrial(run, start(i, 0)), complete(i, 0.1 * i));
                assertThat(reader.countObserved(run)).isEqualTo(i + 1);
            }
            assertThat(reader.observedTrials(run, 2)).extracting(TrialRecord::seq).containsExactly(3, 4);
        }
    }

    @Test
    void dataSurvivesReopening() {
        long run = store.createRun(newRun("kept"));
        store.finishTrial(store.startTrial(run, start(0, 0)), complete(0, 0.5));
        store.close();
        store = SqliteRunStore.open(dir.resolve("runs.db"));
        assertThat(store.countObserved(run)).isEqualTo(1);
        assertThat(((SqliteRunStore) store).schemaVersion()).isEqualTo(SqliteRunStore.MIGRATIONS.size());
    }

    @Test
    void onlyTheLatestFewCheckpointsAreKept() throws Exception {
        long run = store.createRun(newRun("r"));
        for (int i = 0; i < 10; i++) {
            store.saveCheckpoint(new Checkpoint(run, i, "loop", new byte[100], i));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM checkpoints")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(SqliteRunStore.CHECKPOINTS_KEPT);
        }
        assertThat(store.latestCheckpoint(run, "loop").orElseThrow().observations()).isEqualTo(9);
    }

    @Test
    void aStoreFromANewerWayfinderIsRefusedClearly() throws Exception {
        Path f = dir.resolve("future.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> SqliteRunStore.open(f)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining(f.toString());
    }

    @Test
    void theVersionOneStoreShippedWithTheTestsStillLoads() throws Exception {
        Path copy = dir.resolve("v1.db");
        try (var in = getClass().getResourceAsStream("/stores/v1.db")) {
            Files.copy(in, copy);
        }
        try (SqliteRunStore old = SqliteRunStore.open(copy)) {
            assertThat(old.runs()).hasSize(1);
            long run = old.runs().get(0).id();
            assertThat(old.countObserved(run)).isEqualTo(20);
            assertThat(old.run(run).orElseThrow().taskNames()).containsExactly("cifar10");
            // migrated forward: the new tables and columns are there, old runs simply have no task details
            assertThat(old.schemaVersion()).isEqualTo(SqliteRunStore.MIGRATIONS.size());
            assertThat(old.tasks(run)).isEmpty();
            assertThat(old.projects()).isEmpty();
            old.recordProjectAndTasks(run, "nas201", "", java.util.List.of(
                    new io.wayfinder.run.TaskRecord(0, "cifar10", "tabular", "accuracy", "x", "y")));
            assertThat(old.tasks(run)).hasSize(1);
        }
    }
}
