package io.wayfinder.service;

import io.wayfinder.exec.RunOwnership;
import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.project.Project;
import io.wayfinder.run.RunStatus;
import io.wayfinder.store.RunStore;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.task.TrialEvaluator;
import java.util.List;

/** A run whose data, evaluators and strategy are ready; {@link #run} drives it to the end on the calling thread. */
public final class PreparedSearch implements AutoCloseable {
    private final RunStore store;
    private final long runId;
    private final Project project;
    private final Strategy strategy;
    private final List<TrialEvaluator> evaluators;
    private final List<String> provenance;
    private final RunOwnership owner;

    PreparedSearch(RunStore store, long runId, Project project, Strategy strategy, List<TrialEvaluator> evaluators,
                   List<String> provenance, RunOwnership owner) {
        this.owner = owner;
        this.store = store;
        this.runId = runId;
        this.project = project;
        this.strategy = strategy;
        this.evaluators = evaluators;
        this.provenance = provenance;
    }

    public long runId() {
        return runId;
    }

    public Project project() {
        return project;
    }

    public Strategy strategy() {
        return strategy;
    }

    public RunStatus run(SearchListener listener, SearchControl control) throws InterruptedException {
        return run(listener, control, null);
    }

    /**
     * Runs to the end; with a {@code distribution} the trials go through the store's work queue to workers (this
     * process coordinates, and trains with its local worker threads if it has any).
     */
    public RunStatus run(SearchListener listener, SearchControl control, SearchLoop.Distribution distribution)
            throws InterruptedException {
        return new SearchLoop(store, runId, project, strategy, evaluators, provenance, listener, control).ownedBy(owner)
                .distributed(distribution).run();
    }

    @Override
    public void close() {
        try {
            for (TrialEvaluator e : evaluators) {
                e.close();
            }
        } finally {
            owner.close();
        }
    }
}
