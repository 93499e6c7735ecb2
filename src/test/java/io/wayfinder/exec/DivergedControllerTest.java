package io.wayfinder.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.controller.ControllerSettings;
import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.project.Project;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.RunStatus;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.strategy.reinforce.ReinforceStrategy;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 defect 3, reproduced: learning rate 1e308 made the controller's weights NaN and the run went on as if
 * fine. Now the loop stops the run with a clear message and keeps the last checkpoint taken before the divergence.
 */
class DivergedControllerTest {
    @Test
    void aControllerWhoseWeightsBecomeNonFiniteStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = SearchLoopTest.project(1, 200, 1, 1).withStrategy(new StrategySpec("aml", null));
        long id = SearchLoopTest.newRun(store, p);
        LearnerSettings exploding = new LearnerSettings(new ControllerSettings(8, 4, 0.08, 1.0, 0.0), 1e308, 0.0,
                0.95);
        ReinforceStrategy strategy = new ReinforceStrategy("aml", false, SearchLoopTest.SPACE, 1,
                exploding, 5, null);
        RunStatus status = SearchLoopTest.run(store, id, p, true, null, null, strategy);

        assertThat(status).isEqualTo(RunStatus.FAILED);
        String message = store.run(id).orElseThrow().message();
        assertThat(message).contains("non-finite").contains("learning rate 1.0E308").contains("last good checkpoint");
        int observed = store.countObserved(id);
        assertThat(observed).as("stopped early, not after the whole budget").isLessThan(200);
        Checkpoint kept = store.latestCheckpoint(id, SearchLoop.CHECKPOINT_KIND).orElseThrow();
        assertThat(kept.observations()).as("no checkpoint of the diverged state").isLessThan(observed);
        // the kept checkpoint restores into a strategy whose next proposal works
        ReinforceStrategy restored = new ReinforceStrategy("aml", false, SearchLoopTest.SPACE, 1,
                exploding, 5, null);
        restored.restore(SearchLoop.strategyState(kept.state()));
        assertThat(restored.propose(0).indices()).hasSize(3);
    }
}
