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
import io.wayfinder.run.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/** A store in memory: for tests and benchmarks that need no files. */
public final class InMemoryRunStore implements RunStore {

    private final java.util.Map<String, io.wayfinder.run.BaselineRecord> baselines = new java.util.TreeMap<>();

    @Override
    public synchronized void saveBaseline(io.wayfinder.run.BaselineRecord b) {
        baselines.put(b.project() + "\u0000" + b.task() + "\u0000" + b.method(), b);
    }

    @Override
    public synchronized List<io.wayfinder.run.BaselineRecord> baselines(String project) {
        return baselines.values().stream().filter(b -> b.project().equals(project)).toList();
    }

    @Override
    public synchronized List<io.wayfinder.run.BaselineRecord> baselinesOfTask(String task) {
        return baselines.values().stream().filter(b -> b.task().equals(task))
                .sorted(java.util.Comparator.comparingLong(io.wayfinder.run.BaselineRecord::createdMillis).reversed()
                        .thenComparing(io.wayfinder.run.BaselineRecord::project)
                        .thenComparing(io.wayfinder.run.BaselineRecord::method)).toList();
    }

    @Override
    public String location() {
        return "(in memory)";
    }
    private final Map<Long, RunRecord> runs = new LinkedHashMap<>();
    private final Map<Long, TrialRecord> trials = new LinkedHashMap<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final Map<Long, Map<Integer, TreeMap<Integer, PolicySnapshot>>> snapshots = new LinkedHashMap<>();
    private final Map<Long, TreeMap<Integer, double[][]>> embeddings = new LinkedHashMap<>();
    private final Map<Long, List<io.wayfinder.run.TaskRecord>> tasks = new LinkedHashMap<>();
    private final Map<String, io.wayfinder.run.ProjectRecord> projects = new LinkedHashMap<>();
    private final Map<Long, Long> projectOfRun = new LinkedHashMap<>();
    private final Map<Long, RunLease> leases = new LinkedHashMap<>();
    private long nextRun = 1;
    private long nextTrial = 1;

    @Override
    public synchronized long createRun(NewRun r) {
        long id = nextRun++;
        long now = System.currentTimeMillis();
        runs.put(id, new RunRecord(id, r.name(), r.strategy(), r.seed(), RunStatus.CREATED, null, now, now,
                r.requestedTrials(), r.spaceHash(), r.projectJson(), r.spaceJson(), r.taskNames(), r.dataDirectory()));
        return id;
    }

    @Override
    public synchronized Optional<RunRecord> run(long runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized void recordProjectAndTasks(long runId, String projectName, String projectFile,
                                                   List<io.wayfinder.run.TaskRecord> taskRecords) {
        require(runId);
        String key = projectName + "\u0000" + (projectFile == null ? "" : projectFile);
        io.wayfinder.run.ProjectRecord old = projects.get(key);
        long id = old == null ? projects.size() + 1 : old.id();
        projects.put(key, new io.wayfinder.run.ProjectRecord(id, projectName, projectFile == null ? "" : projectFile,
                System.currentTimeMillis()));
        projectOfRun.put(runId, id);
        tasks.put(runId, List.copyOf(taskRecords));
    }

    @Override
    public synchronized List<io.wayfinder.run.TaskRecord> tasks(long runId) {
        return tasks.getOrDefault(runId, List.of());
    }

    @Override
    public synchronized List<io.wayfinder.run.ProjectRecord> projects() {
        return projects.values().stream()
                .sorted(Comparator.comparingLong(io.wayfinder.run.ProjectRecord::lastUsedMillis).reversed()
                        .thenComparing(Comparator.comparingLong(io.wayfinder.run.ProjectRecord::id).reversed()))
                .toList();
    }

    @Override
    public synchronized List<Long> runsOfProject(long projectId) {
        return projectOfRun.entrySet().stream().filter(e -> e.getValue() == projectId).map(Map.Entry::getKey).sorted()
                .toList();
    }

    @Override
    public synchronized List<RunRecord> runs() {
        return List.copyOf(runs.values());
    }

    @Override
    public synchronized void setRunStatus(long runId, RunStatus status, String message) {
        runs.put(runId, require(runId).withStatus(status, message, System.currentTimeMillis()));
    }

    @Override
    public synchronized void setRequestedTrials(long runId, int requestedTrials) {
        runs.put(runId, require(runId).withRequestedTrials(requestedTrials));
    }

    private RunRecord require(long runId) {
        RunRecord r = runs.get(runId);
        if (r == null) {
            throw new NoSuchElementException("no run " + runId);
        }
        return r;
    }

    @Override
    public synchronized long startTrial(long runId, TrialStart s) {
        require(runId);
        long id = nextTrial++;
        trials.put(id, new TrialRecord(id, runId, s.seq(), s.attempt(), s.task(), s.configuration().clone(),
                s.values(), TrialStatus.RUNNING, null, Double.NaN, Double.NaN, Double.NaN, s.startedMillis(), 0,
                s.seed(), -1, s.observedAtProposal(), s.provenance(), null));
        return id;
    }

    @Override
    public synchronized void finishTrial(long trialId, TrialOutcome o) {
        TrialRecord t = trials.get(trialId);
        if (t == null) {
            throw new NoSuchElementException("no trial " + trialId);
        }
        if (t.status() != TrialStatus.RUNNING) {
            throw new IllegalStateException("trial " + trialId + " is " + t.status() + ", not running");
        }
        trials.put(trialId, new TrialRecord(t.id(), t.runId(), t.seq(), t.attempt(), t.task(), t.configuration(),
                t.values(), o.status(), o.failureReason(), o.reward(), o.validationMetric(), o.testMetric(),
                t.startedMillis(), o.finishedMillis(), t.seed(), o.observeOrder(), t.observedAtProposal(),
                t.provenance(), o.details()));
    }

    @Override
    public synchronized int markInterrupted(long runId) {
        int n = 0;
        for (TrialRecord t : List.copyOf(trials.values())) {
            if (t.runId() == runId && t.status() == TrialStatus.RUNNING) {
                trials.put(t.id(), new TrialRecord(t.id(), t.runId(), t.seq(), t.attempt(), t.task(),
                        t.configuration(), t.values(), TrialStatus.INTERRUPTED, "process ended while running",
                        Double.NaN, Double.NaN, Double.NaN, t.startedMillis(), 0, t.seed(), -1,
                        t.observedAtProposal(), t.provenance(), null));
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized List<TrialRecord> trials(long runId) {
        return trials.values().stream().filter(t -> t.runId() == runId).toList();
    }

    @Override
    public synchronized List<TrialRecord> observedTrials(long runId, int afterObserveOrder) {
        return trials.values().stream()
                .filter(t -> t.runId() == runId && t.status().counted() && t.observeOrder() > afterObserveOrder)
                .sorted(Comparator.comparingInt(TrialRecord::observeOrder)).toList();
    }

    @Override
    public synchronized int countObserved(long runId) {
        return (int) trials.values().stream().filter(t -> t.runId() == runId && t.status().counted()).count();
    }

    @Override
    public synchronized void saveCheckpoint(Checkpoint c) {
        require(c.runId());
        checkpoints.add(new Checkpoint(c.runId(), c.observations(), c.kind(), c.state().clone(), c.createdMillis()));
    }

    @Override
    public synchronized Optional<Checkpoint> latestCheckpoint(long runId, String kind) {
        return checkpoints.stream().filter(c -> c.runId() == runId && c.kind().equals(kind))
                .max(Comparator.comparingInt(Checkpoint::observations).thenComparingLong(Checkpoint::createdMillis));
    }

    @Override
    public synchronized void saveSnapshots(long runId, List<PolicySnapshot> list) {
        require(runId);
        Map<Integer, TreeMap<Integer, PolicySnapshot>> byTask = snapshots.computeIfAbsent(runId, k -> new LinkedHashMap<>());
        for (PolicySnapshot s : list) {
            byTask.computeIfAbsent(s.task(), k -> new TreeMap<>()).put(s.observations(), s);
        }
    }

    @Override
    public synchronized List<PolicySnapshot> snapshots(long runId, int task, int after) {
        TreeMap<Integer, PolicySnapshot> m = snapshots.getOrDefault(runId, Map.of()).get(task);
        return m == null ? List.of() : List.copyOf(m.tailMap(after, false).values());
    }

    @Override
    public synchronized void saveTaskEmbeddings(long runId, int observations, double[][] e) {
        require(runId);
        double[][] copy = new double[e.length][];
        for (int i = 0; i < e.length; i++) {
            copy[i] = e[i].clone();
        }
        embeddings.computeIfAbsent(runId, k -> new TreeMap<>()).put(observations, copy);
    }

    @Override
    public synchronized List<io.wayfinder.run.EmbeddingSnapshot> taskEmbeddingHistory(long runId) {
        TreeMap<Integer, double[][]> m = embeddings.get(runId);
        List<io.wayfinder.run.EmbeddingSnapshot> out = new java.util.ArrayList<>();
        if (m != null) {
            m.forEach((k, v) -> {
                double[][] copy = new double[v.length][];
                for (int i = 0; i < v.length; i++) {
                    copy[i] = v[i].clone();
                }
                out.add(new io.wayfinder.run.EmbeddingSnapshot(k, copy));
            });
        }
        return out;
    }

    @Override
    public synchronized Optional<double[][]> latestTaskEmbeddings(long runId) {
        TreeMap<Integer, double[][]> m = embeddings.get(runId);
        return m == null || m.isEmpty() ? Optional.empty() : Optional.of(m.lastEntry().getValue());
    }

    @Override
    public synchronized Optional<RunLease> lease(long runId) {
        return Optional.ofNullable(leases.get(runId));
    }

    @Override
    public synchronized boolean claimLease(RunLease lease, String replacing) {
        require(lease.runId());
        RunLease current = leases.get(lease.runId());
        if (replacing == null ? current != null : current == null || !current.token().equals(replacing)) {
            return false;
        }
        leases.put(lease.runId(), lease);
        return true;
    }

    @Override
    public synchronized boolean renewLease(long runId, String token, long heartbeatMillis) {
        RunLease current = leases.get(runId);
        if (current == null || !current.token().equals(token)) {
            return false;
        }
        leases.put(runId, current.withHeartbeat(heartbeatMillis));
        return true;
    }

    @Override
    public synchronized void releaseLease(long runId, String token) {
        RunLease current = leases.get(runId);
        if (current != null && current.token().equals(token)) {
            leases.remove(runId);
        }
    }

    @Override
    public void close() {
    }
}
