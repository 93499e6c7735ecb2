package io.wayfinder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.run.TrialRecord;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The shared contract on a real PostgreSQL (a throwaway cluster), plus what only a shared database has to do. */
class PostgresRunStoreTest extends RunStoreContractTest {
    private String url;

    @Override
    protected RunStore newStore() {
        url = PostgresCluster.get().newDatabase();
        return RunStores.open(url);
    }

    @Test
    void aSecondProcessesConnectionReadsWhatTheFirstWrites() {
        long run = store.createRun(newRun("live"));
        try (RunStore reader = RunStores.open(url)) {
            for (int i = 0; i < 5; i++) {
                store.finishTrial(store.startTrial(run, start(i, 0)), complete(i, 0.1 * i));
                assertThat(reader.countObserved(run)).isEqualTo(i + 1);
            }
            assertThat(reader.observedTrials(run, 2)).extracting(TrialRecord::seq).containsExactly(3, 4);
        }
    }

    @Test
    void aWaitingWorkerIsWokenByATrialQueuedFromAnotherConnection() throws Exception {
        long run = store.createRun(newRun("notify"));
        assertThat(store.notifiesWork()).isTrue();
        try (RunStore worker = RunStores.open(url)) {
            assertThat(worker.awaitWork(200)).as("nothing queued: the wait times out").isFalse();
            java.util.concurrent.ExecutorService waiter = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                // its first wait opens the thread's listening session; a notification sent after that is kept
                // for it even before it waits again, so the order below is deterministic
                waiter.submit(() -> worker.awaitWork(1)).get(30, java.util.concurrent.TimeUnit.SECONDS);
                java.util.concurrent.Future<Boolean> woken = waiter.submit(() -> worker.awaitWork(60_000));
                store.enqueueTrial(run, store.startTrial(run, start(0, 0)));
                assertThat(woken.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("woken by the notification, "
                        + "not by the 60 s timeout").isTrue();
            } finally {
                waiter.shutdownNow();
            }
            assertThat(worker.claimTrial("h:1", run, 60_000)).isPresent();

            System.setProperty("wayfinder.store.notify", "false");
            try {
                assertThat(worker.notifiesWork()).isFalse();
                assertThat(worker.awaitWork(50)).as("polling only: a plain sleep").isFalse();
            } finally {
                System.clearProperty("wayfinder.store.notify");
            }
        }
    }

    @Test
    void reopeningMigratesNothingTwiceAndKeepsTheData() {
        long run = store.createRun(newRun("kept"));
        store.finishTrial(store.startTrial(run, start(0, 0)), complete(0, 0.5));
        store.close();
        store = RunStores.open(url);
        assertThat(store.countObserved(run)).isEqualTo(1);
        assertThat(((PostgresRunStore) store).schemaVersion()).isEqualTo(PostgresRunStore.MIGRATIONS.size());
    }

    @Test
    void aDatabaseFromANewerWayfinderIsRefusedClearly() throws Exception {
        try (var c = DriverManager.getConnection(((PostgresRunStore) store).jdbcUrlForTests(), "wayfinder", "");
             Statement s = c.createStatement()) {
            s.execute("UPDATE wayfinder_schema SET version = 99");
        }
        assertThatThrownBy(() -> RunStores.open(url)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void atomicWorkIsAllOrNothing() {
        long run = store.createRun(newRun("r"));
        assertThatThrownBy(() -> store.atomically(() -> {
            store.startTrial(run, start(0, 0));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.trials(run)).isEmpty();
        store.atomically(() -> store.finishTrial(store.startTrial(run, start(1, 0)), complete(0, 0.5)));
        assertThat(store.countObserved(run)).isEqualTo(1);
    }

    @Test
    void credentialsNeverAppearInTheLocationOrInErrors() {
        String withSecret = url.replace("postgresql://", "postgresql://wayfinder:s3cret@");
        try (RunStore s = RunStores.open(withSecret)) {
            assertThat(s.location()).doesNotContain("s3cret").doesNotContain("wayfinder@").startsWith("postgresql://");
        }
        String badPort = "postgresql://wayfinder:s3cret@127.0.0.1:1/nowhere?password=s3cret";
        assertThatThrownBy(() -> RunStores.open(badPort)).isInstanceOf(StoreException.class)
                .hasMessageContaining("postgresql://127.0.0.1:1/nowhere").hasMessageNotContaining("s3cret");
        assertThat(RunStores.printable(badPort)).doesNotContain("s3cret");
    }

    @Test
    void aMalformedUrlIsOneClearLine() {
        assertThatThrownBy(() -> RunStores.open("postgresql://host:5432/")).isInstanceOf(StoreException.class)
                .hasMessageContaining("expected a database name");
    }
}
