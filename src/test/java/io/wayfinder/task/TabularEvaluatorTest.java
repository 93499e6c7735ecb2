package io.wayfinder.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.TestData;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularEvaluatorTest {
    @TempDir
    Path dir;

    static final SearchSpace SPACE = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "toy", "decisions": [
              {"name": "op", "choices": ["conv", "pool"]},
              {"name": "width", "choices": [8, 16]}]}""", "toy");

    static TaskSpec task(String name, String extra) {
        return new TaskSpec(name, "tabular", "t.tsv", "accuracy", Settings.of("p.json", "$.tasks[0].settings",
                Json.readTree("{\"keyColumns\": [\"op\", \"width\"], \"rewardColumn\": \"val\", \"testColumn\": \"test\""
                        + extra + "}", "settings")));
    }

    private Path table(String text) throws Exception {
        Path f = dir.resolve("t-" + System.nanoTime() + ".tsv");
        Files.writeString(f, text);
        return f;
    }

    private static TrialContext context(int... idx) {
        return new TrialContext(SPACE, new Configuration(idx), null, 1, 0, () -> false);
    }

    @Test
    void looksUpRewardAndTestForTheTaskRowsOnly() throws Exception {
        Path f = table("""
                task\top\twidth\tval\ttest
                a\tconv\t8\t90\t89
                a\tconv\t16\t91\t90
                a\tpool\t8\t80\t79
                a\tpool\t16\t81\t80
                b\tconv\t8\t10\t11
                """);
        TabularEvaluator e = new TabularEvaluator(task("a", ", \"scale\": 0.01"), f);
        e.check(SPACE);
        Evaluation r = e.evaluate(context(0, 1));
        assertThat(r.reward()).isEqualTo(0.91);
        assertThat(r.validationMetric()).isEqualTo(0.91);
        assertThat(r.testMetric()).isEqualTo(0.90);
        assertThat(e.size()).isEqualTo(4);
        assertThat(e.datasetHash()).hasSize(64);
        assertThat(e.instant()).isTrue();
    }

    @Test
    void aConfigurationMissingFromTheTableIsAnErrorNotAZero() throws Exception {
        Path f = table("task\top\twidth\tval\ttest\na\tconv\t8\t90\t89\n");
        TabularEvaluator e = new TabularEvaluator(task("a", ""), f);
        assertThatThrownBy(() -> e.evaluate(context(1, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pool,16").hasMessageContaining("is not in table");
    }

    @Test
    void aRaggedLineNamesFileAndLine() throws Exception {
        Path f = table("task\top\twidth\tval\ttest\na\tconv\t8\t90\t89\na\tpool\t8\t80\n");
        assertThatThrownBy(() -> new TabularEvaluator(task("a", ""), f)).isInstanceOf(InputException.class)
                .hasMessageContaining(f + ": line 3: 5 tab-separated cells as in the header, found 4");
    }

    @Test
    void anUnreadableNumberNamesLineAndColumn() throws Exception {
        Path f = table("task\top\twidth\tval\ttest\na\tconv\t8\tninety\t89\n");
        assertThatThrownBy(() -> new TabularEvaluator(task("a", ""), f))
                .hasMessageContaining("line 2, column val: a number, found \"ninety\"");
    }

    @Test
    void aMissingFileSaysHowToPointAtTheData() {
        assertThatThrownBy(() -> new TabularEvaluator(task("a", ""), dir.resolve("nope.tsv")))
                .isInstanceOf(InputException.class).hasMessageContaining("nope.tsv")
                .hasMessageContaining("--data");
    }

    @Test
    void aMissingColumnListsTheColumns() throws Exception {
        Path f = table("task\top\twidth\tvalidation\ttest\na\tconv\t8\t90\t89\n");
        assertThatThrownBy(() -> new TabularEvaluator(task("a", ""), f))
                .hasMessageContaining("a column named \"val\"").hasMessageContaining("validation");
    }

    @Test
    void nasBench201TableCoversEveryCellOfTheSampleSpace() throws Exception {
        Path f = TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        SearchSpace space = SearchSpaceCodec.read(TestData.samples().resolve("spaces/nas-bench-201.json"));
        TaskSpec t = new TaskSpec("cifar100", "tabular", null, "accuracy", Settings.of("p", "$", Json.readTree(
                "{\"keyColumns\": [\"e_1_0\",\"e_2_0\",\"e_2_1\",\"e_3_0\",\"e_3_1\",\"e_3_2\"], \"rewardColumn\": "
                        + "\"test_acc_200ep_alt\", \"testColumn\": \"test_acc_200ep_mean\", \"scale\": 0.01}", "s")));
        TabularEvaluator e = new TabularEvaluator(t, f);
        assertThat(e.size()).isEqualTo(15_625);
        double best = 0;
        for (int i = 0; i < 15_625; i++) {
            int[] idx = new int[6];
            int x = i;
            for (int k = 5; k >= 0; k--) {
                idx[k] = x % 5;
                x /= 5;
            }
            best = Math.max(best, e.evaluate(context6(space, idx)).testMetric());
        }
        // the published cifar100 optimum, 73.51 (73.5133 in the table)
        assertThat(best).isCloseTo(0.7351, org.assertj.core.api.Assertions.within(5e-5));
        Map<String, Object> v = space.values(new Configuration(new int[6]));
        assertThat(v).containsEntry("e_1_0", "none");
    }

    private static TrialContext context6(SearchSpace space, int[] idx) {
        return new TrialContext(space, new Configuration(idx), null, 1, 0, () -> false);
    }
}
