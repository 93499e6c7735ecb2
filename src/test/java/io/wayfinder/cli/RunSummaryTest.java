package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.run.NewRun;
import io.wayfinder.run.TrialOutcome;
import io.wayfinder.run.TrialStart;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-of-run summary follows the README: accuracy-top10 from the 10th distinct configuration, else "best of N". */
class RunSummaryTest {
    @TempDir
    Path dir;

    /** Records trials with the given configurations (one index each) and validation = test = value. */
    private static long run(RunStore store, int[] configs, double[] values) {
        long run = store.createRun(new NewRun("summary", "random", 1, configs.length, "h", "{}", "{}",
                List.of("fashion-mnist"), "data"));
        for (int i = 0; i < configs.length; i++) {
            long id = store.startTrial(run, new TrialStart(i, 1, 0, new int[] {configs[i]}, "{\"a\":" + configs[i] + "}",
                    i, i, "{}", 1000L * i));
            store.finishTrial(id, new TrialOutcome(TrialStatus.COMPLETE, null, values[i], values[i], values[i] - 0.01,
                    1000L * i + 500, i, null));
        }
        return run;
    }

    private static String print(RunStore store, long run) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        RunSummary.print(store, run, 10, 3, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eightTrialsGiveBestOfEightNotATopTen() {
        try (RunStore store = RunStores.open(dir.resolve("runs.db"))) {
            long run = run(store, new int[] {0, 1, 2, 3, 4, 5, 6, 7},
                    new double[] {0.50, 0.61, 0.72, 0.83, 0.64, 0.55, 0.66, 0.77});
            String out = print(store, run);
            assertThat(out).doesNotContain("validation accuracy-top10").contains("best of 8: validation 83.00%  test 82.00% "
                    + "(trial 3); accuracy-top10 needs 10 distinct configurations, 8 so far");
            assertThat(out).contains("    trial 3      fashion-mnist  validation  83.00%");
        }
    }

    @Test
    void twelveTrialsOfNineConfigurationsAreStillBestOf() {
        try (RunStore store = RunStores.open(dir.resolve("runs.db"))) {
            long run = run(store, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8},
                    new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9});
            assertThat(print(store, run)).contains("best of 12: validation 90.00%").contains("9 so far");
        }
    }

    @Test
    void fromTheTenthDistinctConfigurationItIsAccuracyTopTen() {
        try (RunStore store = RunStores.open(dir.resolve("runs.db"))) {
            double[] v = new double[11];
            int[] c = new int[11];
            for (int i = 0; i < 11; i++) {
                c[i] = i;
                v[i] = 0.5 + i / 100.0;
            }
            String out = print(store, run(store, c, v));
            // the top 10 are trials 1..10: mean validation 0.555, test 0.545
            assertThat(out).contains("validation accuracy-top10  55.50%  test accuracy-top10  54.50%")
                    .doesNotContain("best of");
        }
    }

    @Test
    void failedTrialsAreCountedByReasonSoDivergenceIsCountablePerRun() {
        Path db = dir.resolve("runs.db");
        long run;
        try (RunStore store = RunStores.open(db)) {
            run = run(store, new int[] {0, 1, 2}, new double[] {0.5, 0.6, 0.7});
            // failure messages as the search loop records them (exception class, then the child's message)
            String[] reasons = {"ChildFailedException: diverged: training loss NaN at step 120",
                    "ChildFailedException: diverged: training loss NaN at step 7",
                    "ChildFailedException: diverged: training loss Infinity at step 31",
                    "ChildFailedException: both towers are disabled (deep and wide regularisation both \"off\")",
                    "ChildFailedException: diverged: NaN outputs on the validation split",
                    "ChildFailedException: out of memory: Cannot allocate 123456789 bytes"};
            for (int i = 0; i < reasons.length; i++) {
                long id = store.startTrial(run, new TrialStart(3 + i, 1, 0, new int[] {10 + i}, "{}", 3 + i, 3 + i,
                        "{}", 1000L * (3 + i)));
                store.finishTrial(id, new TrialOutcome(TrialStatus.FAILED, reasons[i], 0, Double.NaN, Double.NaN,
                        1000L * (3 + i) + 500, 3 + i, null));
            }
            assertThat(print(store, run)).contains("  6 failed: 2 diverged (training loss NaN), 1 diverged (training "
                    + "loss infinite), 1 both towers are disabled (deep and wide regularisation both \"off\"), "
                    + "1 diverged (NaN outputs on the validation split), 1 out of memory\n");
        }
        // `runs` ends the run's line with the same count
        CliRunner.Result r = CliRunner.run("runs", "--store", db.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith(run + "\t")).findFirst().orElseThrow())
                .endsWith("\t6 failed: 2 diverged (training loss NaN), 1 diverged (training loss infinite), 1 both "
                        + "towers are disabled (deep and wide regularisation both \"off\"), 1 diverged (NaN outputs on "
                        + "the validation split), 1 out of memory");
    }

    @Test
    void reasonsGroupOneCauseWhateverItsNumbers() {
        assertThat(FailureReasons.reason("LanguageModelEvaluator: validation perplexity became 1234.5 in epoch 3"))
                .isEqualTo("LanguageModelEvaluator: validation perplexity became n in epoch n");
        assertThat(FailureReasons.reason("IllegalStateException: validation perplexity became 99 in epoch 12"))
                .isEqualTo("validation perplexity became n in epoch n");
        assertThat(FailureReasons.reason("ChildFailedException: diverged: training loss NaN at minibatch 4"))
                .isEqualTo("diverged (training loss NaN)");
        assertThat(FailureReasons.reason(null)).isEqualTo("no reason recorded");
        assertThat(FailureReasons.reason("NullPointerException")).isEqualTo("NullPointerException");
        assertThat(FailureReasons.reason("worker w-2 lost: lease expired after 30000 ms"))
                .isEqualTo("worker w-n lost: lease expired after n ms");
    }
}
