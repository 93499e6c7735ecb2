package io.wayfinder.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.run.NewRun;
import io.wayfinder.run.RunLease;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 defect 1: one process executes a run; a live owner is refused, a gone one is taken over. */
class RunOwnershipTest {
    @TempDir
    Path dir;
    RunStore store;
    long run;

    @BeforeEach
    void open() {
        store = RunStores.open(dir.resolve("runs.db"));
        run = store.createRun(new NewRun("r", "random", 1, 10, "h", "{}", "{}", List.of("t"), "/data"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSecondOwnerOfALiveRunIsRefusedWithOneLineNamingTheOwner() {
        try (RunOwnership first = RunOwnership.take(store, run)) {
            assertThatThrownBy(() -> RunOwnership.take(store, run)).isInstanceOf(RunBusyException.class)
                    .hasMessageContaining("run " + run + " is being executed by process "
                            + ProcessHandle.current().pid() + " on " + RunOwnership.host())
                    .hasMessageNotContaining("\n");
            assertThat(first.held()).isTrue();
        }
        // released at the end: the next owner takes it at once
        assertThat(store.lease(run)).isEmpty();
        RunOwnership.take(store, run).close();
    }

    @Test
    void aLeaseOfAProcessThatIsGoneIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long now = System.currentTimeMillis();
        store.claimLease(new RunLease(run, "old", gone.pid(), RunOwnership.host(), now, now), null);
        assertThat(RunOwnership.judge(store.lease(run).orElseThrow(), now).alive()).isFalse();
        try (RunOwnership taken = RunOwnership.take(store, run)) {
            assertThat(store.lease(run).orElseThrow().token()).isEqualTo(taken.lease().token());
            assertThat(store.lease(run).orElseThrow().pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void aLeaseFromAnotherHostLivesWhileItsHeartbeatIsRecent() {
        long now = System.currentTimeMillis();
        RunLease remote = new RunLease(run, "remote", 4242, "elsewhere.example", now - 60_000, now - 1_000);
        assertThat(RunOwnership.judge(remote, now).alive()).isTrue();
        assertThat(RunOwnership.judge(remote, now + RunOwnership.STALE_AFTER_MILLIS + 5_000))
                .isEqualTo(new RunOwnership.Liveness(false, "no heartbeat for 21 s"));
        store.claimLease(remote, null);
        assertThatThrownBy(() -> RunOwnership.take(store, run)).isInstanceOf(RunBusyException.class)
                .hasMessageContaining("process 4242 on elsewhere.example");
        // the remote owner stops beating: after the stale time the run is taken over
        store.renewLease(run, "remote", now - RunOwnership.STALE_AFTER_MILLIS - 1_000);
        try (RunOwnership taken = RunOwnership.take(store, run)) {
            assertThat(taken.held()).isTrue();
        }
    }

    @Test
    void anOwnerWhoseRunWasTakenOverNoticesAtItsNextHeartbeatAndReleasesNothing() {
        RunOwnership first = RunOwnership.take(store, run);
        long t0 = first.lease().heartbeatMillis();
        first.renew();
        assertThat(store.lease(run).orElseThrow().heartbeatMillis()).isGreaterThanOrEqualTo(t0);
        RunLease thief = new RunLease(run, "thief", 777, "elsewhere.example", t0, t0);
        assertThat(store.claimLease(thief, first.lease().token())).isTrue();
        first.renew();
        assertThat(first.held()).isFalse();
        assertThat(first.lostTo()).isEqualTo("process 777 on elsewhere.example");
        first.close();
        assertThat(store.lease(run)).contains(thief);
    }
}
