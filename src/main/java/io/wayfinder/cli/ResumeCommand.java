package io.wayfinder.cli;

import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wayfinder resume RUN}: continues a stopped or killed run from its last checkpoint and its recorded trials. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run that was stopped or killed; completed trials are kept, the one in flight is redone.")
public final class ResumeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run's id (see 'wayfinder runs').")
    long runId;

    @Option(names = "--trials", paramLabel = "N", description = "Raise the budget to N trials per task.")
    int trials;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0", description = "With a database --store: worker "
            + "threads in this process besides the worker processes (default 0 = coordinate only).")
    int workers;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "30",
            description = "With a database --store: a worker silent this long is presumed dead (default 30).")
    double leaseSeconds;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        try (RunStore store = options.open();
             PreparedSearch search = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                     .onStatus(RunCommand::say).resume(runId, trials)) {
            boolean shared = options.shared(null, null);
            int code = RunCommand.follow(store, search, 10, shared ? RunCommand.distribution(workers, leaseSeconds)
                    : null);
            if (code == 0 && !shared && search.project().finalTraining() != null) {
                code = RunCommand.finalTraining(store, search.runId(), search.project(), options);
            }
            return code;
        }
    }
}
