package io.wayfinder.service;

import io.wayfinder.exec.Worker;
import io.wayfinder.project.Project;
import io.wayfinder.run.ClaimedTrial;
import io.wayfinder.run.RunRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.task.TrialEvaluator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What a worker process trains: for each run it gets trials of, the run's stored project (frozen search space, task
 * settings) with evaluators built once over this machine's data directory and kept for the next trial of that run.
 */
public final class WorkerJobs implements Worker.Jobs, AutoCloseable {
    private final RunStore store;
    private final Searches searches;
    private final Map<Long, Prepared> runs = new HashMap<>();

    private record Prepared(Project project, List<TrialEvaluator> evaluators) {
    }

    public WorkerJobs(RunStore store, Path dataDirectory, Path cacheDirectory) {
        this.store = store;
        this.searches = new Searches(store, dataDirectory, cacheDirectory);
    }

    @Override
    public synchronized Worker.Job job(ClaimedTrial trial) {
        Prepared p = runs.get(trial.runId());
        if (p == null) {
            RunRecord run = store.run(trial.runId())
                    .orElseThrow(() -> new NoSuchElementException("no run " + trial.runId() + " in the store"));
            Project project = Searches.storedProject(run);
            p = new Prepared(project, searches.evaluatorsOf(project));
            runs.put(trial.runId(), p);
        }
        return new Worker.Job(p.project().space(), p.project().tasks().get(trial.task()),
                p.evaluators().get(trial.task()));
    }

    @Override
    public synchronized void close() {
        runs.values().forEach(p -> p.evaluators().forEach(TrialEvaluator::close));
        runs.clear();
    }
}
