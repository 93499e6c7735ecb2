package io.wayfinder.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.project.Project;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.space.Configuration;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.store.InMemoryRunStore;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every trial's provenance carries the probability its strategy gave the configuration when it was sampled. */
class ProposalProbabilityTest {

    @Test
    void randomSearchRecordsTheUniformProbability() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = SearchLoopTest.project(1, 12, 1, 5);
        long id = SearchLoopTest.newRun(store, p);
        SearchLoopTest.run(store, id, p, true, null, null);
        List<TrialRecord> trials = store.trials(id);
        assertThat(trials).hasSize(12);
        for (TrialRecord t : trials) {
            // 4 x 3 x 2 configurations, each equally likely
            assertThat(Provenance.proposalLogProbability(t.provenance())).isEqualTo(-Math.log(24), within(1e-12));
        }
    }

    @Test
    void controllerRecordsTheLogProbabilityOfItsPolicyAtSamplingTime() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = SearchLoopTest.project(1, 20, 1, 5).withStrategy(new StrategySpec("aml", null));
        long id = SearchLoopTest.newRun(store, p);
        Strategy strategy = Strategies.create(p.strategy(), SearchLoopTest.SPACE, 1, p.seed(), null);
        SearchLoopTest.run(store, id, p, true, null, null, strategy);
        List<TrialRecord> trials = store.trials(id).stream().sorted(Comparator.comparingInt(TrialRecord::seq))
                .toList();
        // replay: a fresh strategy proposes the same configurations, and before each observation its policy gives
        // each configuration the recorded probability
        Strategy replay = Strategies.create(p.strategy(), SearchLoopTest.SPACE, 1, p.seed(), null);
        for (TrialRecord t : trials) {
            Configuration c = replay.propose(0);
            assertThat(c.indices()).containsExactly(t.configuration());
            double recorded = Provenance.proposalLogProbability(t.provenance());
            assertThat(recorded).isLessThan(0).isEqualTo(replay.logProbability(0, c), within(1e-9));
            replay.observe(new io.wayfinder.strategy.Observation(0, c, t.reward(), false));
        }
        // the policy learned: the recorded probabilities are not all the same
        assertThat(trials.stream().mapToDouble(t -> Provenance.proposalLogProbability(t.provenance())).distinct()
                .count()).isGreaterThan(1);
    }
}
