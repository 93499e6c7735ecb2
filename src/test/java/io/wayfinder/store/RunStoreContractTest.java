package io.wayfinder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.NewRun;
import io.wayfinder.run.PolicySnapshot;
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
    }
}
