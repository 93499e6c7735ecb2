package io.wayfinder.cli;

import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.metrics.Quantiles;
import io.wayfinder.run.Rng;
import io.wayfinder.project.Settings;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.strategy.reinforce.ReinforceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wayfinder bench controller}: the LSTM controller's cost per trial (sample + REINFORCE update). */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Microseconds per trial of the LSTM controller (sample + update, and the greedy policy "
                + "snapshot) on search spaces; median of --repeats.")
public final class BenchControllerCommand implements Callable<Integer> {
    @Option(names = "--spaces", split = ",", paramLabel = "FILE", defaultValue =
            "sample-projects/spaces/nas-bench-201.json,sample-projects/spaces/taml-text.json,"
                    + "sample-projects/spaces/zoph-le-convnet.json,sample-projects/spaces/nas-cell.json",
            description = "Search-space files (default: ${DEFAULT-VALUE}).")
    List<Path> spaces;

    @Option(names = "--trials", defaultValue = "2000", paramLabel = "N", description = "Trials per repeat.")
    int trials;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "K", description = "Timed repeats.")
    int repeats;

    @Override
    public Integer call() {
        LearnerSettings settings = ReinforceSettings.learner(Settings.empty());
        System.out.printf("controller: 2-layer LSTM, %d units, embeddings %d, plain Java arrays; %d trials x %d "
                        + "repeats after a warm-up (%d cores)%n", settings.controller().hidden(),
                settings.controller().embedding(), trials, repeats, Runtime.getRuntime().availableProcessors());
        for (Path file : spaces) {
            SearchSpace space = SearchSpaceCodec.read(file);
            measure(space, settings, trials);
            double[] perTrial = new double[repeats];
            double[] snapshot = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                double[] m = measure(space, settings, trials);
                perTrial[r] = m[0];
                snapshot[r] = m[1];
            }
            PolicyLearner probe = new PolicyLearner(space, 1, settings, 1);
            System.out.printf("%-20s %3d slots, %6d weights: sample+update median %7.1f us/trial (min %.1f, max %.1f);"
                            + " policy snapshot %6.1f us%n", space.name(), space.flat().size(),
                    probe.controller().parameters().length, Quantiles.median(perTrial),
                    java.util.Arrays.stream(perTrial).min().orElse(0), java.util.Arrays.stream(perTrial).max().orElse(0),
                    Quantiles.median(snapshot));
        }
        return 0;
    }

    private static double[] measure(SearchSpace space, LearnerSettings settings, int trials) {
        PolicyLearner learner = new PolicyLearner(space, 1, settings, 3);
        Rng rng = new Rng(5);
        long t0 = System.nanoTime();
        for (int i = 0; i < trials; i++) {
            int[] c = learner.sample(0, rng);
            learner.update(0, c, rng.nextDouble());
        }
        long t1 = System.nanoTime();
        int snaps = Math.max(1, trials / 10);
        for (int i = 0; i < snaps; i++) {
            learner.controller().greedyPolicy(0);
        }
        long t2 = System.nanoTime();
        return new double[]{(t1 - t0) / 1e3 / trials, (t2 - t1) / 1e3 / snaps};
    }
}
