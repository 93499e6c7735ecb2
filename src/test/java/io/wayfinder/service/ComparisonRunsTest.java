package io.wayfinder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.metrics.Comparison;
import io.wayfinder.run.NewRun;
import io.wayfinder.store.InMemoryRunStore;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ComparisonRunsTest {
    private static long create(InMemoryRunStore s, String name, String strategy, String pretrained, String... tasks) {
        String json = "{\"name\": \"" + name + "\", \"strategy\": {\"name\": \"" + strategy + "\", \"settings\": {"
                + (pretrained == null ? "" : "\"pretrained\": " + pretrained) + "}}}";
        return s.createRun(new NewRun(name, strategy, 1, 10, "h", json, "{}", List.of(tasks), "/d"));
    }

    @Test
    void transferRunsFromDifferentSourcesAreLabelledApart() {
        try (InMemoryRunStore s = new InMemoryRunStore()) {
            long c10 = create(s, "pre-c10", "maml", null, "cifar10");
            long both = create(s, "pre-both", "maml", null, "cifar10", "cifar100");
            long rs = create(s, "rs", "random", null, "cifar100");
            long a = create(s, "t1", "taml", "{\"run\": " + c10 + "}", "cifar100");
            long b = create(s, "t2", "taml", "{\"project\": \"pre-both\"}", "cifar100");
            long f = create(s, "t3", "taml", "{\"file\": \"ckpt/c10.ctl\"}", "cifar100");
            List<Comparison.RunData> runs = ComparisonRuns.load(s, List.of(rs, a, b, f));
            assertThat(runs).extracting(Comparison.RunData::group).containsExactly("RS", "T-AML ← cifar10",
                    "T-AML ← cifar10+cifar100", "T-AML ← c10.ctl");
            assertThat(both).isPositive();
            assertThatThrownBy(() -> ComparisonRuns.load(s, List.of(99L))).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("no run 99").hasMessageContaining("#" + rs);
        }
    }

    @Test
    void sampleEfficiencyCheckPointsFollowTheBudget() {
        assertThat(SampleEfficiency.checkpointsFor(1000)).containsExactly(100, 300, 1000);
        assertThat(SampleEfficiency.checkpointsFor(300)).containsExactly(30, 90, 300);
        assertThat(SampleEfficiency.checkpointsFor(60)).containsExactly(10, 18, 60);
        assertThat(SampleEfficiency.checkpointsFor(5)).containsExactly(5);
    }
}
