package io.wayfinder.cli;

import io.wayfinder.exec.SearchListener;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.service.HurdleSavings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wayfinder bench hurdles}: evolution with and without progressive dynamic hurdles on a trained task. */
@Command(name = "hurdles", mixinStandardHelpOptions = true,
        description = {"Compute saved by evolution's progressive dynamic hurdles: the project's task searched twice "
                + "from the same seed (no hurdles, then hurdles), children really trained.",
                "Prints per run: child training seconds, budget used (in full trainings), children fully trained, "
                        + "the best fully trained child's validation and test accuracy; then the ratio."})
public final class BenchHurdlesCommand implements Callable<Integer> {
    @Option(names = "--project", defaultValue = "sample-projects/text-sms-spam-random.json", paramLabel = "PROJECT",
            description = "A project with a trained task (default: ${DEFAULT-VALUE}).")
    Path projectFile;

    @Option(names = "--trials", defaultValue = "40", paramLabel = "N", description = "Trials per run.")
    int trials;

    @Option(names = "--population", defaultValue = "10", paramLabel = "N", description = "Evolution's population.")
    int population;

    @Option(names = "--sample", defaultValue = "3", paramLabel = "N", description = "Evolution's tournament size.")
    int sample;

    @Option(names = "--hurdles", defaultValue = "0.25", split = ",", paramLabel = "SHARE",
            description = "Budget shares of the hurdle stages (default: ${DEFAULT-VALUE}).")
    List<Double> hurdles;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "N", description = "Children per stage before its "
            + "hurdle applies.")
    int warmup;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        Project project = ProjectCodec.read(projectFile);
        var evo = Json.MAPPER.createObjectNode().put("population", population).put("sample", sample);
        HurdleSavings bench = new HurdleSavings(project, trials, evo, hurdles, warmup, options.dataDirectory());
        System.out.printf("hurdles on %s (%s): %d trials per run, population %d, sample %d, hurdles %s, warm-up %d,"
                + " seed %d%n", project.name(), project.tasks().get(0).name(), trials, population, sample, hurdles,
                warmup, project.seed());
        HurdleSavings.Totals plain = bench.run(false, progress("evolution"));
        HurdleSavings.Totals hurdled = bench.run(true, progress("hurdles"));
        System.out.printf("%n%-34s %10s %12s %8s %12s %12s %8s%n", "run", "child s", "budget used", "full",
                "best val", "its test", "wall s");
        for (HurdleSavings.Totals t : List.of(plain, hurdled)) {
            System.out.printf("%-34s %10.1f %12.2f %8d %11.2f%% %11.2f%% %8.1f%n", t.label(), t.childSeconds(),
                    t.budgetUnits(), t.fullyTrained(), 100 * t.bestValidation(), 100 * t.testOfBest(),
                    t.wallSeconds());
        }
        System.out.printf("hurdles used %.0f%% of the budget units and %.0f%% of the child training seconds of plain "
                        + "evolution (same seed, same number of trials)%n", 100 * hurdled.budgetUnits()
                        / plain.budgetUnits(), 100 * hurdled.childSeconds() / plain.childSeconds());
        return 0;
    }

    private static SearchListener progress(String label) {
        return new SearchListener() {
            @Override
            public void trialFinished(TrialRecord trial, int observations, int requested) {
                System.out.printf("%s: trial %d/%d validation %.4f%n", label, observations, requested,
                        trial.validationMetric());
            }
        };
    }
}
