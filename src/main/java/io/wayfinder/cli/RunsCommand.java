package io.wayfinder.cli;

import io.wayfinder.run.RunRecord;
import io.wayfinder.run.WorkerRecord;
import io.wayfinder.service.WorkerStatus;
import io.wayfinder.store.RunStore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wayfinder runs}: one line per run, beginning with its id. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in the store, one per line.")
public final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() {
        try (RunStore store = options.open()) {
            for (RunRecord r : store.runs()) {
                // failed trials grouped by reason, so that divergence is countable per run (a last field)
                String failed = FailureReasons.line(store.observedTrialSummaries(r.id(), -1));
                System.out.printf("%d\t%s\t%s\t%s\tseed %d\t%d/%d trials\t%s\t%s%s%n", r.id(), r.name(), r.strategy(),
                        // a run stored as running whose process is gone says so (its lease is dead)
                        io.wayfinder.service.RunOwners.interruption(store, r).map(x -> "interrupted")
                                .orElse(r.status().name().toLowerCase()), r.seed(), store.countObserved(r.id()), r.requestedTrials(),
                        String.join(",", r.taskNames()), TIME.format(Instant.ofEpochMilli(r.createdMillis())),
                        failed.isEmpty() ? "" : "\t" + failed);
                printWorkers(store, r.id());
            }
        }
        return 0;
    }

    /** A distributed run's workers, one indented line each: host, process, state, current trial, trials/h. */
    static void printWorkers(RunStore store, long runId) {
        for (WorkerStatus s : WorkerStatus.of(store, runId)) {
            WorkerRecord w = s.worker();
            System.out.printf("\tworker %s\thost %s\tpid %d\t%s\t%s\t%d trials\t%s%n", w.id(), w.host(), w.pid(),
                    s.stateText(), s.currentTrial() >= 0 ? "trial " + s.currentTrial() : "-", w.trialsDone(),
                    Double.isNaN(s.trialsPerHour()) ? "trials/h n/a" : String.format("%.0f trials/h", s.trialsPerHour()));
        }
    }
}
