package io.wayfinder.store;

import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.NewRun;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.RunLease;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialOutcome;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStart;
import java.util.List;
import java.util.Optional;

/**
 * Where runs, trials, checkpoints and policy snapshots are kept. Every implementation passes the shared contract
 * test suite ({@code RunStoreContractTest}). Implementations are thread-safe; the embedded SQLite store also lets a
 * second process read a run while it is being written.
 */
public interface RunStore extends AutoCloseable {

    /** Where this store is, as a person would name it (a file path, or a database URL without credentials). */
    String location();

    long createRun(NewRun run);

    Optional<RunRecord> run(long runId);

    /**
     * Records the project a run belongs to and the tasks it uses (kind, metric, data set id and hash). The project is
     * matched by name and file, so runs of one project share one project record.
     */
    void recordProjectAndTasks(long runId, String projectName, String projectFile, java.util.List<io.wayfinder.run.TaskRecord> tasks);

    /** The tasks of a run as recorded by {@link #recordProjectAndTasks}; empty for runs recorded before that. */
    List<io.wayfinder.run.TaskRecord> tasks(long runId);

    /** Projects with runs in this store, most recently used first. */
    List<io.wayfinder.run.ProjectRecord> projects();

    /** The ids of a project's runs, oldest first. */
    List<Long> runsOfProject(long projectId);

    /** All runs, oldest first. */
    List<RunRecord> runs();

    void setRunStatus(long runId, RunStatus status, String message);

    void setRequestedTrials(long runId, int requestedTrials);

    /** Records a trial as running and returns its id. */
    long startTrial(long runId, TrialStart start);

    /** Records a running trial's end. */
    void finishTrial(long trialId, TrialOutcome outcome);

    /** Marks the run's running trials as interrupted (the process that ran them ended); returns how many. */
    int markInterrupted(long runId);

    /** All trials of a run in id order, whatever their status. */
    List<TrialRecord> trials(long runId);

    /** Counted (complete or failed) trials with an observe order greater than {@code afterObserveOrder}, in observe order. */
    List<TrialRecord> observedTrials(long runId, int afterObserveOrder);

    /**
     * Like {@link #observedTrials} but without each trial's provenance and details (both null): what a view listing
     * many trials needs, at a fraction of the reading cost.
     */
    default List<TrialRecord> observedTrialSummaries(long runId, int afterObserveOrder) {
        return observedTrials(runId, afterObserveOrder);
    }

    /** The number of counted trials of a run. */
    int countObserved(long runId);

    /** Stores a reference result; a later one for the same project, task and method replaces it. */
    void saveBaseline(io.wayfinder.run.BaselineRecord baseline);

    /** The reference results of a project, by task then method. */
    List<io.wayfinder.run.BaselineRecord> baselines(String project);

    /**
     * The reference results stored for a task of this name in any project, newest first: what a comparison of runs
     * from several projects (RS, AML and T-AML files for one task) shows beside them, matched by the data set hash.
     */
    List<io.wayfinder.run.BaselineRecord> baselinesOfTask(String task);

    void saveCheckpoint(Checkpoint checkpoint);

    /** The checkpoint of this kind with the most observations. */
    Optional<Checkpoint> latestCheckpoint(long runId, String kind);

    void saveSnapshots(long runId, List<PolicySnapshot> snapshots);

    /** A run's policy snapshots for one task, in observation order, with observations greater than {@code after}. */
    List<PolicySnapshot> snapshots(long runId, int task, int after);

    /** Task embeddings after a number of observations (one row per task), for the similarity heat map. */
    void saveTaskEmbeddings(long runId, int observations, double[][] embeddings);

    /** Every saved set of task embeddings of a run, by observations ascending (the embeddings' history). */
    List<io.wayfinder.run.EmbeddingSnapshot> taskEmbeddingHistory(long runId);

    /** The latest saved task embeddings of a run. */
    Optional<double[][]> latestTaskEmbeddings(long runId);

    /**
     * Runs the writes of {@code work} as one transaction (nested calls join the outer one). The search loop uses it to
     * record a table-lookup trial's start, end and policy snapshot in one commit.
     */
    default void atomically(Runnable work) {
        work.run();
    }

    /** The lease of the process executing this run, if any process holds one (alive or not: see {@code RunLeases}). */
    Optional<RunLease> lease(long runId);

    /**
     * Writes {@code lease} as its run's lease if the run has none ({@code replacing} null) or if the lease it has
     * carries the token {@code replacing} (a dead owner's lease being taken over); atomic, so of two processes
     * claiming one run at most one succeeds. Returns whether the lease was written.
     */
    boolean claimLease(RunLease lease, String replacing);

    /** Sets the heartbeat of the lease with this token; false when the run's lease is no longer this one (taken over). */
    boolean renewLease(long runId, String token, long heartbeatMillis);

    /** Removes the run's lease if it still carries this token (its owner finished with the run). */
    void releaseLease(long runId, String token);

    // ---- shared work: a queue of trials that worker processes claim (SQLite on one machine, PostgreSQL anywhere) ----

    /** True when this store can hand trials to worker processes ({@link #claimTrial} and the rest work). */
    default boolean sharesWork() {
        return false;
    }

    /**
     * Waits up to {@code maxMillis} for new work in the queue (a worker with nothing to claim calls it between two
     * claims). Returns early when the store can tell that a trial was queued (PostgreSQL: {@code LISTEN/NOTIFY});
     * otherwise it simply sleeps, and the caller's next claim is the poll.
     *
     * @return true when the store was notified of new work, false when the time ran out (or it cannot notify)
     */
    default boolean awaitWork(long maxMillis) throws InterruptedException {
        Thread.sleep(maxMillis);
        return false;
    }

    /** True when {@link #awaitWork} wakes up on new work rather than sleeping (callers may then wait longer). */
    default boolean notifiesWork() {
        return false;
    }

    /** Puts a started (running) trial in the work queue, to be claimed by a worker. */
    default void enqueueTrial(long runId, long trialId) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /**
     * Claims the oldest queued trial that no worker holds (or whose holder's lease expired) for {@code workerId},
     * with a lease of {@code leaseMillis}; {@code runId <= 0} claims from any run. Two workers never hold one trial.
     */
    default java.util.Optional<io.wayfinder.run.ClaimedTrial> claimTrial(String workerId, long runId, long leaseMillis) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /** Extends a claim's lease; false when the worker no longer holds it (expired and taken, or withdrawn). */
    default boolean renewClaim(long trialId, String workerId, long leaseMillis) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /** Stores a worker's result for the coordinator; false (and nothing stored) when it no longer holds the claim. */
    default boolean submitResult(io.wayfinder.run.TrialResult result) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /** The results workers submitted for a run that the coordinator has not yet observed, oldest first. */
    default List<io.wayfinder.run.TrialResult> submittedResults(long runId) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /** Removes an observed trial from the queue (the coordinator does it in the transaction that observes it). */
    default void dequeueTrial(long trialId) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /** Queued trials of a run that a worker could claim now (never claimed, or their lease expired). */
    default int claimableTrials(long runId) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /** Records a worker's heartbeat (inserting it on its first). */
    default void workerHeartbeat(io.wayfinder.run.WorkerRecord worker) {
        throw new UnsupportedOperationException(location() + " cannot share work with workers");
    }

    /** Workers whose last claimed trial was of this run ({@code runId <= 0}: all), by id. */
    default List<io.wayfinder.run.WorkerRecord> workers(long runId) {
        return List.of();
    }

    /**
     * The trials of a run that workers hold now (a live claim: not submitted, lease not expired), as worker id to the
     * trial's sequence number. Exact from the moment of the claim, unlike a heartbeat's current trial.
     */
    default java.util.Map<String, Integer> claimedTrials(long runId) {
        return java.util.Map.of();
    }

    /** The worker that trained each trial of a run (trial id to worker id), for trials trained by workers. */
    default java.util.Map<Long, String> trialWorkers(long runId) {
        return java.util.Map.of();
    }

    /** The store's clock in milliseconds: the database server's for a shared store, so leases span machines. */
    default long clockMillis() {
        return System.currentTimeMillis();
    }

    @Override
    void close();
}
