package io.wayfinder.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fair_acc.dataset.DataSet;
import io.wayfinder.metrics.AccuracyTopN;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.project.Project;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.ui.TabularRuns;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {

    private static String state = "";

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what + " " + state);
            }
            Thread.sleep(10);
        }
    }

    private static double[] ys(DataSet ds) {
        return ds.lock().readLockGuard(() -> Arrays.copyOf(ds.getValues(DataSet.DIM_Y), ds.getDataCount()));
    }

    @Test
    void aRunOfListedConfigurationsSaysWhyItHasNoPolicy() throws Exception {
        Project p = TabularRuns.project(2, false).withStrategy(new io.wayfinder.project.StrategySpec("fixed",
                io.wayfinder.project.Settings.of("test", "$.strategy.settings", io.wayfinder.run.Json.readTree(
                        "{\"configurations\": [\"|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|"
                                + "nor_conv_3x3~1|nor_conv_3x3~2|\"]}", "test"))));
        InMemoryRunStore store = new InMemoryRunStore();
        long run;
        try (var search = new io.wayfinder.service.Searches(store, io.wayfinder.TestData.dataDirectory(),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "wayfinder-cache")).start(p)) {
            search.run(null, null);
            run = search.runId();
        }
        try (DashboardViewModel vm = new DashboardViewModel(store, run, Runnable::run, Runnable::run)) {
            assertThat(vm.noPolicyReason()).startsWith("This run trains listed configurations again")
                    .contains("no policy");
        }
    }

    @Test
    void followsAMultitaskPolicyRunIntoChartsTableAndHeatMap() throws Exception {
        Project p = TabularRuns.project(300, true);
        InMemoryRunStore store = new InMemoryRunStore();
        long run = TabularRuns.runWithPolicy(store, p, null, null);
        try (DashboardViewModel vm = new DashboardViewModel(store, run, Runnable::run, Runnable::run).follow()) {
            state = "";
            await(() -> (state = vm.rows().size() + " " + vm.historySizeProperty().get() + " " + (vm.similarityProperty().get() != null)) != null && vm.rows().size() == 600 && vm.historySizeProperty().get() == 600
                    && vm.similarityProperty().get() != null, "the whole run to arrive");

            // bars show the latest stored snapshot of the selected task
            List<PolicySnapshot> stored = store.snapshots(run, 0, -1);
            PolicySnapshot last = stored.get(stored.size() - 1);
            for (int slot = 0; slot < last.probabilities().length; slot++) {
                double[] shown = vm.shownBars(slot);
                for (int k = 0; k < shown.length; k++) {
                    assertThat(shown[k]).isEqualTo(last.probabilities()[slot][k], within(1e-7));
                }
            }
            // scrubbing back through history
            vm.historyIndexProperty().set(10);
            assertThat(vm.followLatestProperty().get()).isFalse();
            assertThat(vm.shownBars(2)[1]).isEqualTo(stored.get(10).probabilities()[2][1], within(1e-7));
            assertThat(vm.historyLabelProperty().get()).contains("after " + stored.get(10).observations() + " observations");

            // the chosen decision over time: one point per snapshot, each choice's probability
            vm.selectedSlotProperty().set(3);
            assertThat(ys(vm.evolution().get(0))).hasSize(600);
            assertThat(ys(vm.evolution().get(2))[599]).isEqualTo(last.probabilities()[3][2], within(1e-7));

            // rewards and accuracy-top10 of the selected task
            List<TrialRecord> task1 = store.observedTrials(run, -1).stream().filter(t -> t.task() == 1).toList();
            vm.selectedTaskProperty().set(1);
            assertThat(ys(vm.reward())).containsExactly(task1.stream().mapToDouble(TrialRecord::reward).toArray());
            AccuracyTopN.Result[] curve = AccuracyTopN.curveDistinct(
                    task1.stream().mapToDouble(TrialRecord::validationMetric).toArray(),
                    task1.stream().mapToDouble(TrialRecord::testMetric).toArray(),
                    task1.stream().map(t -> Arrays.toString(t.configuration())).toArray(), 10);
            // accuracy-top10 starts at the 10th distinct configuration (its x is that trial) and never decreases
            int first = 0;
            while (curve[first].count() < 10) {
                first++;
            }
            double[] vt = ys(vm.validationTop());
            assertThat(vt).hasSize(300 - first);
            assertThat(vm.validationTop().get(io.fair_acc.dataset.DataSet.DIM_X, 0)).isEqualTo(first + 1);
            assertThat(ys(vm.testTop())[vt.length - 1]).isEqualTo(curve[299].testMean());
            assertThat(vt[vt.length - 1]).isEqualTo(curve[299].validationMean());
            for (int i = 1; i < vt.length; i++) {
                assertThat(vt[i]).isGreaterThanOrEqualTo(vt[i - 1]);
            }

            // the ten best distinct configurations per task are marked
            for (int task = 0; task < 2; task++) {
                int t = task;
                List<TrialRow> best = vm.rows().stream().filter(r -> r.trial().task() == t && r.best()).toList();
                assertThat(best).hasSize(10);
                double worstBest = best.stream().mapToDouble(TrialRow::validation).min().orElseThrow();
                long better = vm.rows().stream().filter(r -> r.trial().task() == t && !r.best()
                        && r.validation() > worstBest).map(r -> Arrays.toString(r.trial().configuration()))
                        .filter(c -> best.stream().noneMatch(b -> Arrays.toString(b.trial().configuration()).equals(c)))
                        .count();
                assertThat(better).isZero();
            }

            // the heat map is the cosine similarity of the stored embeddings
            double[][] emb = store.latestTaskEmbeddings(run).orElseThrow();
            double[][] sim = vm.similarityProperty().get();
            assertThat(sim[0][0]).isEqualTo(1.0, within(1e-9));
            assertThat(sim[0][1]).isEqualTo(SimilarityMatrix.cosine(emb)[0][1], within(1e-12));

            // the embeddings' history: every stored update, the latest shown; moving back shows that update
            var history = store.taskEmbeddingHistory(run);
            assertThat(history.size()).isGreaterThan(1);
            EmbeddingHistory shown = vm.embeddingHistoryProperty().get();
            assertThat(shown.size()).isEqualTo(history.size());
            assertThat(vm.embeddingIndexProperty().get()).isEqualTo(history.size() - 1);
            assertThat(shown.projection().coordinates().length).isEqualTo(history.size());
            vm.embeddingIndexProperty().set(0);
            assertThat(vm.similarityProperty().get()[0][1])
                    .isEqualTo(SimilarityMatrix.cosine(history.get(0).embeddings())[0][1], within(1e-12));
            assertThat(vm.summaryProperty().get()).startsWith("600 / 600 trials · finished");
        }
    }

    @Test
    void cosineSimilarityByHand() {
        double[][] s = SimilarityMatrix.cosine(new double[][] {{1, 0}, {1, 1}, {-1, 0}});
        assertThat(s[0][1]).isEqualTo(1 / Math.sqrt(2), within(1e-12));
        assertThat(s[0][2]).isEqualTo(-1.0, within(1e-12));
        assertThat(s[1][1]).isEqualTo(1.0, within(1e-12));
    }
}
