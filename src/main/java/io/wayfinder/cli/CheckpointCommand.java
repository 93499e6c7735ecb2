package io.wayfinder.cli;

import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.run.RunRecord;
import io.wayfinder.service.Searches;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.store.RunStore;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.reinforce.ReinforceStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wayfinder checkpoint RUN --out FILE}: a run's latest controller as a file, for transfer elsewhere. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true,
        description = {"Write the latest controller of an aml, maml or taml run to a file (weights, optimiser state, "
                + "baselines, settings and the search-space hash).",
                "A taml project loads it with \"pretrained\": {\"file\": \"FILE\"} in its strategy settings."})
public final class CheckpointCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run's id.")
    long runId;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the checkpoint.")
    Path out;

    @Option(names = "--task", defaultValue = "0", paramLabel = "INDEX",
            description = "For an aml run over several tasks: whose controller (default 0).")
    int task;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        try (RunStore store = options.open()) {
            RunRecord run = store.run(runId).orElseThrow(() ->
                    new NoSuchElementException("no run " + runId + " in " + store.location()));
            byte[] state = SearchLoop.strategyState(store.latestCheckpoint(runId, SearchLoop.CHECKPOINT_KIND)
                    .orElseThrow(() -> new NoSuchElementException("run " + runId + " has no checkpoint yet"))
                    .state());
            SearchSpace space = SearchSpaceCodec.parse(run.spaceJson(), "run " + runId + " (stored search space)");
            Strategy built = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                    .strategyOf(Searches.storedProject(run));
            if (!(built instanceof ReinforceStrategy strategy)) {
                throw new IllegalArgumentException("run " + runId + " uses strategy " + run.strategy()
                        + ", which has no controller (aml, maml and taml do)");
            }
            strategy.restore(state);
            PolicyLearner learner = strategy.learnerFor(task);
            Files.write(out, learner.checkpoint());
            System.out.printf("wrote %s: controller of run %d (%s) after %d updates, space %s (%s...)%n", out, runId,
                    run.strategy(), learner.updates(), space.name(), learner.spaceHash().substring(0, 12));
        }
        return 0;
    }
}
