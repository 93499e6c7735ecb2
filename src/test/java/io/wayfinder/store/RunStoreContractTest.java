package io.wayfinder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.NewRun;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.RunLease;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialOutcome;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStart;
import io.wayfinder.run.TrialStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link RunStore} must have. Each implementation extends this once. */
public abstract class RunStoreContractTest {
    protected RunStore store;

    protected abstract RunStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static NewRun newRun(String name) {
        return new NewRun(name, "random", 7, 20, "hash123", "{\"project\":true}", "{\"space\":true}",
                List.of("cifar10", "cifar100"), "/data");
    }

    static TrialStart start(int seq, int task) {
        return new TrialStart(seq, 1, task, new int[] {seq % 5, 2, 0}, "{\"a\":" + seq + "}", 1000 + seq, seq,
                "{\"spaceHash\":\"hash123\"}", 5000 + seq);
    }

    static TrialOutcome complete(int order, double v) {
        return new TrialOutcome(TrialStatus.COMPLETE, null, v, v, v - 0.01, 9000 + order, order, "{\"graph\":1}");
    }

    @Test
    void createdRunIsListedWithEverythingItWasCreatedWith() {
        long id = store.createRun(newRun("first"));
        long id2 = store.createRun(newRun("second"));
        assertThat(id2).isGreaterThan(id);
        RunRecord r = store.run(id).orElseThrow();
        assertThat(r.name()).isEqualTo("first");
        assertThat(r.strategy()).isEqualTo("random");
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.status()).isEqualTo(RunStatus.CREATED);
        assertThat(r.requestedTrials()).isEqualTo(20);
        assertThat(r.spaceHash()).isEqualTo("hash123");
        assertThat(r.projectJson()).isEqualTo("{\"project\":true}");
        assertThat(r.spaceJson()).isEqualTo("{\"space\":true}");
        assertThat(r.taskNames()).containsExactly("cifar10", "cifar100");
        assertThat(r.dataDirectory()).isEqualTo("/data");
        assertThat(store.runs()).extracting(RunRecord::name).containsExactly("first", "second");
        assertThat(store.run(999_999)).isEmpty();
    }

    @Test
    void statusAndBudgetUpdatesAreKept() {
        long id = store.createRun(newRun("r"));
        store.setRunStatus(id, RunStatus.FAILED, "boom");
        store.setRequestedTrials(id, 50);
        RunRecord r = store.run(id).orElseThrow();
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.message()).isEqualTo("boom");
        assertThat(r.requestedTrials()).isEqualTo(50);
    }

    @Test
    void trialLifecycleRecordsEveryField() {
        long run = store.createRun(newRun("r"));
        long t = store.startTrial(run, start(0, 1));
        TrialRecord running = store.trials(run).get(0);
        assertThat(running.status()).isEqualTo(TrialStatus.RUNNING);
        assertThat(running.reward()).isNaN();
        assertThat(running.observeOrder()).isEqualTo(-1);
        store.finishTrial(t, complete(0, 0.9));
        TrialRecord done = store.trials(run).get(0);
        assertThat(done.id()).isEqualTo(t);
        assertThat(done.runId()).isEqualTo(run);
        assertThat(done.task()).isEqualTo(1);
        assertThat(done.configuration()).containsExactly(0, 2, 0);
        assertThat(done.values()).isEqualTo("{\"a\":0}");
        assertThat(done.status()).isEqualTo(TrialStatus.COMPLETE);
        assertThat(done.reward()).isEqualTo(0.9);
        assertThat(done.validationMetric()).isEqualTo(0.9);
        assertThat(done.testMetric()).isEqualTo(0.89);
        assertThat(done.seed()).isEqualTo(1000);
        assertThat(done.startedMillis()).isEqualTo(5000);
        assertThat(done.finishedMillis()).isEqualTo(9000);
        assertThat(done.durationMillis()).isEqualTo(4000);
        assertThat(done.provenance()).contains("hash123");
        assertThat(done.details()).isEqualTo("{\"graph\":1}");
        assertThat(store.countObserved(run)).isEqualTo(1);
    }

    @Test
    void failedTrialKeepsItsReasonAndHasNoValidationFigure() {
        long run = store.createRun(newRun("r"));
        long t = store.startTrial(run, start(0, 0));
        store.finishTrial(t, new TrialOutcome(TrialStatus.FAILED, "diverged: NaN loss", 0.0, Double.NaN, Double.NaN,
                10, 0, null));
        TrialRecord r = store.trials(run).get(0);
        assertThat(r.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(r.failureReason()).isEqualTo("diverged: NaN loss");
        assertThat(r.reward()).isEqualTo(0.0);
        assertThat(r.validationMetric()).isNaN();
        assertThat(store.countObserved(run)).isEqualTo(1);
    }

    @Test
    void finishingATrialTwiceIsAnError() {
        long run = store.createRun(newRun("r"));
        long t = store.startTrial(run, start(0, 0));
        store.finishTrial(t, complete(0, 0.5));
        assertThatThrownBy(() -> store.finishTrial(t, complete(1, 0.6))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void interruptedTrialsAreMarkedAndNotCounted() {
        long run = store.createRun(newRun("r"));
        store.finishTrial(store.startTrial(run, start(0, 0)), complete(0, 0.5));
        store.startTrial(run, start(1, 0));
        assertThat(store.markInterrupted(run)).isEqualTo(1);
        assertThat(store.trials(run)).extracting(TrialRecord::status)
                .containsExactly(TrialStatus.COMPLETE, TrialStatus.INTERRUPTED);
        assertThat(store.countObserved(run)).isEqualTo(1);
        // the redo of seq 1 is a second attempt
        long redo = store.startTrial(run, new TrialStart(1, 2, 0, new int[] {1, 2, 0}, "{}", 1, 1, "{}", 1));
        store.finishTrial(redo, complete(1, 0.6));
        assertThat(store.observedTrials(run, -1)).extracting(TrialRecord::attempt).containsExactly(1, 2);
    }

    @Test
    void observedTrialsComeInObserveOrderAfterACursor() {
        long run = store.createRun(newRun("r"));
        long a = store.startTrial(run, start(0, 0));
        long b = store.startTrial(run, start(1, 0));
        long c = store.startTrial(run, start(2, 0));
        store.finishTrial(c, complete(0, 0.3));
        store.finishTrial(a, complete(1, 0.1));
        store.finishTrial(b, complete(2, 0.2));
        assertThat(store.observedTrials(run, -1)).extracting(TrialRecord::seq).containsExactly(2, 0, 1);
        assertThat(store.observedTrials(run, 0)).extracting(TrialRecord::seq).containsExactly(0, 1);
        assertThat(store.observedTrials(run, 2)).isEmpty();
    }

    @Test
    void runsDoNotSeeEachOthersTrials() {
        long r1 = store.createRun(newRun("a"));
        long r2 = store.createRun(newRun("b"));
        store.finishTrial(store.startTrial(r1, start(0, 0)), complete(0, 0.5));
        assertThat(store.trials(r2)).isEmpty();
        assertThat(store.countObserved(r2)).isZero();
    }

    @Test
    void latestCheckpointWinsPerKind() {
        long run = store.createRun(newRun("r"));
        for (int i = 1; i <= 5; i++) {
            store.saveCheckpoint(new Checkpoint(run, i * 10, "loop", new byte[] {(byte) i}, i));
        }
        store.saveCheckpoint(new Checkpoint(run, 3, "controller", new byte[] {42}, 1));
        Checkpoint c = store.latestCheckpoint(run, "loop").orElseThrow();
        assertThat(c.observations()).isEqualTo(50);
        assertThat(c.state()).containsExactly(5);
        assertThat(store.latestCheckpoint(run, "controller").orElseThrow().state()).containsExactly(42);
        assertThat(store.latestCheckpoint(run, "other")).isEmpty();
    }

    @Test
    void snapshotsRoundTripExactlyPerTask() {
        long run = store.createRun(newRun("r"));
        float[][] p1 = {{0.25f, 0.75f}, {0.1f, 0.2f, 0.7f}};
        float[][] p2 = {{0.5f, 0.5f}, {0.3f, 0.3f, 0.4f}};
        store.saveSnapshots(run, List.of(new PolicySnapshot(1, 0, p1), new PolicySnapshot(1, 1, p2)));
        store.saveSnapshots(run, List.of(new PolicySnapshot(2, 0, p2)));
        List<PolicySnapshot> task0 = store.snapshots(run, 0, 0);
        assertThat(task0).extracting(PolicySnapshot::observations).containsExactly(1, 2);
        assertThat(task0.get(0).probabilities()).isDeepEqualTo(p1);
        assertThat(store.snapshots(run, 0, 1)).hasSize(1);
        assertThat(store.snapshots(run, 1, 0).get(0).probabilities()).isDeepEqualTo(p2);
    }

    @Test
    void projectsAndTasksAreRecordedAndRunsOfOneProjectShareIt() {
        long a = store.createRun(newRun("a"));
        long b = store.createRun(newRun("b"));
        long c = store.createRun(newRun("c"));
        List<io.wayfinder.run.TaskRecord> tasks = List.of(
                new io.wayfinder.run.TaskRecord(0, "cifar10", "tabular", "accuracy", "nats/cifar10", "abc"),
                new io.wayfinder.run.TaskRecord(1, "cifar100", "tabular", "accuracy", "nats/cifar100", "abc"));
        store.recordProjectAndTasks(a, "nas201", "/p/nas201.json", tasks);
        store.recordProjectAndTasks(b, "nas201", "/p/nas201.json", tasks);
        store.recordProjectAndTasks(c, "other", "/p/other.json", tasks.subList(0, 1));
        assertThat(store.tasks(a)).isEqualTo(tasks);
        assertThat(store.tasks(c)).extracting(io.wayfinder.run.TaskRecord::datasetId).containsExactly("nats/cifar10");
        assertThat(store.projects()).extracting(io.wayfinder.run.ProjectRecord::name).containsExactly("other", "nas201");
        long nas = store.projects().get(1).id();
        assertThat(store.runsOfProject(nas)).containsExactly(a, b);
        assertThat(store.run(a).orElseThrow().taskNames()).containsExactly("cifar10", "cifar100");
    }

    @Test
    void latestTaskEmbeddingsAreReturned() {
        long run = store.createRun(newRun("r"));
        assertThat(store.latestTaskEmbeddings(run)).isEmpty();
        store.saveTaskEmbeddings(run, 10, new double[][] {{1, 2}, {3, 4}});
        store.saveTaskEmbeddings(run, 20, new double[][] {{5, 6}, {7, 8}});
        assertThat(store.latestTaskEmbeddings(run).orElseThrow()).isDeepEqualTo(new double[][] {{5, 6}, {7, 8}});
        // the history of the embeddings, oldest first
        var history = store.taskEmbeddingHistory(run);
        assertThat(history).extracting(io.wayfinder.run.EmbeddingSnapshot::observations).containsExactly(10, 20);
        assertThat(history.get(0).embeddings()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }
    // ---- shared work (stores that hand trials to workers) ----

    private static io.wayfinder.run.TrialResult result(long trialId, String worker, double reward) {
        return new io.wayfinder.run.TrialResult(trialId, worker, false, null, reward, reward, reward - 0.01, 1, 2,
                "{\"graph\":1}");
    }

    private static io.wayfinder.run.WorkerRecord worker(String id, long run, String state, int current) {
        return new io.wayfinder.run.WorkerRecord(id, "host", 42, run, state, current, 0, 0, 0);
    }

    @Test
    void aQueuedTrialGoesToOneWorkerAndItsResultBackToTheCoordinator() {
        org.junit.jupiter.api.Assumptions.assumeTrue(store.sharesWork(), "this store shares no work");
        long run = store.createRun(newRun("r"));
        long t = store.startTrial(run, start(3, 1));
        store.enqueueTrial(run, t);
        assertThat(store.claimableTrials(run)).isEqualTo(1);
        store.workerHeartbeat(worker("h:1", run, "idle", -1));
        io.wayfinder.run.ClaimedTrial claimed = store.claimTrial("h:1", run, 60_000).orElseThrow();
        assertThat(claimed.trialId()).isEqualTo(t);
        assertThat(claimed.seq()).isEqualTo(3);
        assertThat(claimed.task()).isEqualTo(1);
        assertThat(claimed.configuration()).containsExactly(3, 2, 0);
        assertThat(claimed.seed()).isEqualTo(1003);
        assertThat(store.claimTrial("h:2", run, 60_000)).isEmpty();
        assertThat(store.claimableTrials(run)).isZero();
        assertThat(store.claimedTrials(run)).as("the live claim, worker to trial").containsExactly(
                java.util.Map.entry("h:1", 3));
        assertThat(store.renewClaim(t, "h:1", 60_000)).isTrue();
        assertThat(store.renewClaim(t, "h:2", 60_000)).isFalse();
        assertThat(store.submittedResults(run)).isEmpty();
        assertThat(store.submitResult(result(t, "h:1", 0.7))).isTrue();
        assertThat(store.submitResult(result(t, "h:1", 0.7))).as("a second submission").isFalse();
        assertThat(store.claimedTrials(run)).as("submitted: no longer held").isEmpty();
        List<io.wayfinder.run.TrialResult> results = store.submittedResults(run);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).reward()).isEqualTo(0.7);
        assertThat(results.get(0).worker()).isEqualTo("h:1");
        assertThat(results.get(0).details()).isEqualTo("{\"graph\":1}");
        store.atomically(() -> {
            store.finishTrial(t, complete(0, 0.7));
            store.dequeueTrial(t);
        });
        assertThat(store.submittedResults(run)).isEmpty();
        assertThat(store.trialWorkers(run)).containsEntry(t, "h:1");
        assertThat(store.workers(run)).singleElement().satisfies(w -> {
            assertThat(w.trialsDone()).isEqualTo(1);
            assertThat(w.host()).isEqualTo("host");
        });
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheFormerHoldersResultIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(store.sharesWork(), "this store shares no work");
        long run = store.createRun(newRun("r"));
        long t = store.startTrial(run, start(0, 0));
        store.enqueueTrial(run, t);
        assertThat(store.claimTrial("dead:1", run, 1)).isPresent();
        Thread.sleep(20);
        assertThat(store.claimableTrials(run)).isEqualTo(1);
        assertThat(store.claimTrial("live:2", run, 60_000).orElseThrow().trialId()).isEqualTo(t);
        assertThat(store.renewClaim(t, "dead:1", 60_000)).isFalse();
        assertThat(store.submitResult(result(t, "dead:1", 0.1))).isFalse();
        assertThat(store.submitResult(result(t, "live:2", 0.2))).isTrue();
        assertThat(store.submittedResults(run)).extracting(io.wayfinder.run.TrialResult::worker).containsExactly("live:2");
        assertThat(store.trialWorkers(run)).containsEntry(t, "live:2");
    }

    @Test
    void interruptingARunWithdrawsItsQueuedTrialsAndLateResultsAreDropped() {
        org.junit.jupiter.api.Assumptions.assumeTrue(store.sharesWork(), "this store shares no work");
        long run = store.createRun(newRun("r"));
        long other = store.createRun(newRun("other"));
        long a = store.startTrial(run, start(0, 0));
        long b = store.startTrial(run, start(1, 0));
        long c = store.startTrial(other, start(0, 0));
        store.enqueueTrial(run, a);
        store.enqueueTrial(run, b);
        store.enqueueTrial(other, c);
        assertThat(store.claimTrial("w:1", run, 60_000).orElseThrow().trialId()).isEqualTo(a);
        assertThat(store.markInterrupted(run)).isEqualTo(2);
        assertThat(store.submitResult(result(a, "w:1", 0.5))).isFalse();
        assertThat(store.claimableTrials(run)).isZero();
        assertThat(store.claimTrial("w:1", 0, 60_000).orElseThrow().trialId()).as("any run").isEqualTo(c);
    }

    @Test
    void concurrentWorkersClaimEveryQueuedTrialExactlyOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(store.sharesWork(), "this store shares no work");
        long run = store.createRun(newRun("r"));
        int n = 60;
        for (int i = 0; i < n; i++) {
            store.enqueueTrial(run, store.startTrial(run, start(i, 0)));
        }
        java.util.Map<Long, String> claims = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger twice = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String id = "w:" + w;
            Thread th = new Thread(() -> {
                for (var c = store.claimTrial(id, run, 60_000); c.isPresent(); c = store.claimTrial(id, run, 60_000)) {
                    if (claims.putIfAbsent(c.get().trialId(), id) != null) {
                        twice.incrementAndGet();
                    }
                    store.submitResult(result(c.get().trialId(), id, 0.5));
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(twice.get()).isZero();
        assertThat(claims).hasSize(n);
        assertThat(store.submittedResults(run)).hasSize(n);
        assertThat(store.trialWorkers(run)).isEqualTo(claims);
    }

    @Test
    void aRunHasAtMostOneLeaseAndOnlyItsHolderRenewsOrReleasesIt() {
        long run = store.createRun(newRun("owned"));
        assertThat(store.lease(run)).isEmpty();
        RunLease first = new RunLease(run, "token-a", 101, "alpha", 1_000, 1_000);
        assertThat(store.claimLease(first, null)).isTrue();
        assertThat(store.lease(run)).contains(first);
        // a second process claiming the run as if it were free is refused
        assertThat(store.claimLease(new RunLease(run, "token-b", 202, "beta", 2_000, 2_000), null)).isFalse();
        assertThat(store.lease(run)).contains(first);
        assertThat(store.renewLease(run, "token-a", 5_000)).isTrue();
        assertThat(store.lease(run).orElseThrow().heartbeatMillis()).isEqualTo(5_000);
        assertThat(store.renewLease(run, "token-b", 6_000)).isFalse();
        store.releaseLease(run, "token-b");
        assertThat(store.lease(run)).isPresent();
        store.releaseLease(run, "token-a");
        assertThat(store.lease(run)).isEmpty();
        assertThat(store.renewLease(run, "token-a", 7_000)).isFalse();
    }

    @Test
    void aLeaseIsTakenOverOnlyByNamingTheTokenItReplaces() {
        long run = store.createRun(newRun("taken over"));
        long other = store.createRun(newRun("other"));
        store.claimLease(new RunLease(run, "dead", 101, "alpha", 1_000, 1_000), null);
        RunLease mine = new RunLease(run, "alive", 303, "gamma", 9_000, 9_000);
        assertThat(store.claimLease(mine, "not-the-current-one")).isFalse();
        assertThat(store.claimLease(mine, "dead")).isTrue();
        assertThat(store.lease(run)).contains(mine);
        // the old holder finds out at its next heartbeat and cannot release the new holder's lease
        assertThat(store.renewLease(run, "dead", 10_000)).isFalse();
        store.releaseLease(run, "dead");
        assertThat(store.lease(run)).contains(mine);
        // leases are per run
        assertThat(store.lease(other)).isEmpty();
        assertThat(store.claimLease(new RunLease(other, "x", 1, "h", 1, 1), null)).isTrue();
        assertThatThrownBy(() -> store.claimLease(new RunLease(999_999, "x", 1, "h", 1, 1), null))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void baselinesAreKeptPerProjectTaskAndMethodAndALaterOneReplacesAnEarlier() {
        var first = new io.wayfinder.run.BaselineRecord("p", "sms-spam", "tfidf", "C=1.0", 0.9, 0.8, "d", "h", 1);
        var other = new io.wayfinder.run.BaselineRecord("p", "cr", "tfidf", "C=3.0", 0.7, 0.6, "d2", "h2", 2);
        var elsewhere = new io.wayfinder.run.BaselineRecord("q", "cr", "tfidf", "C=3.0", 0.5, 0.5, "d2", "h2", 2);
        store.saveBaseline(first);
        store.saveBaseline(other);
        store.saveBaseline(elsewhere);
        var replaced = new io.wayfinder.run.BaselineRecord("p", "sms-spam", "tfidf", "C=10.0", 0.95, 0.85, "d", "h", 3);
        store.saveBaseline(replaced);
        assertThat(store.baselines("p")).containsExactly(other, replaced);
        assertThat(store.baselines("none")).isEmpty();
        // across projects, newest first: what a comparison of runs from several project files looks up
        assertThat(store.baselinesOfTask("cr")).containsExactly(other, elsewhere);
        assertThat(store.baselinesOfTask("sms-spam")).containsExactly(replaced);
        assertThat(store.baselinesOfTask("none")).isEmpty();
    }
}
