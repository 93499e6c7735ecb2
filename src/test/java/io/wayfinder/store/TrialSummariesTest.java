package io.wayfinder.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.run.NewRun;
import io.wayfinder.run.TrialOutcome;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStart;
import io.wayfinder.run.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialSummariesTest {
    @TempDir
    Path dir;

    private static void check(RunStore store) {
        long run = store.createRun(new NewRun("p", "random", 7, 20, "h", "{}", "{}", List.of("t"), "/data"));
        for (int i = 0; i < 5; i++) {
            long id = store.startTrial(run, new TrialStart(i, 1, 0, new int[] {i, 1}, "{\"a\":" + i + "}", 10 + i, i,
                    "{\"prov\":" + i + "}", 1000 + i));
            if (i != 3) {
                store.finishTrial(id, new TrialOutcome(TrialStatus.COMPLETE, null, 0.5 + i, 0.4 + i, 0.3 + i, 2000 + i,
                        i < 3 ? i : i - 1, "{\"graph\":1}"));
            }
        }
        List<TrialRecord> full = store.observedTrials(run, 0);
        List<TrialRecord> light = store.observedTrialSummaries(run, 0);
        assertThat(light).hasSize(full.size()).hasSize(3);
        for (int i = 0; i < full.size(); i++) {
            TrialRecord f = full.get(i);
            TrialRecord l = light.get(i);
            assertThat(l.provenance()).isIn(null, f.provenance());
            assertThat(l.details()).isIn(null, f.details());
            assertThat(l.values()).isEqualTo(f.values());
            assertThat(l.configuration()).containsExactly(f.configuration());
            assertThat(List.of(l.id(), l.seq(), l.observeOrder(), l.reward(), l.validationMetric(), l.testMetric(),
                    l.startedMillis(), l.finishedMillis(), l.status()))
                    .isEqualTo(List.of(f.id(), f.seq(), f.observeOrder(), f.reward(), f.validationMetric(),
                            f.testMetric(), f.startedMillis(), f.finishedMillis(), f.status()));
        }
    }

    @Test
    void sqliteSummariesAreTheObservedTrialsWithoutProvenanceOrDetails() {
        try (SqliteRunStore s = SqliteRunStore.open(dir.resolve("runs.db"))) {
            check(s);
            long run = s.runs().get(0).id();
            assertThat(s.observedTrialSummaries(run, -1)).allSatisfy(t -> {
                assertThat(t.provenance()).isNull();
                assertThat(t.details()).isNull();
            });
        }
    }

    @Test
    void inMemorySummariesFallBackToTheFullTrials() {
        check(new InMemoryRunStore());
    }
}
