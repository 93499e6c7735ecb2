package io.wayfinder.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.run.Checkpoint;
import io.wayfinder.project.ExecutionSettings;
import io.wayfinder.run.NewRun;
import io.wayfinder.project.Project;
import io.wayfinder.run.RunStatus;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStart;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.store.RunStore;
import io.wayfinder.strategy.random.RandomSearch;
import io.wayfinder.task.TrialEvaluator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchLoopTest {
    static final SearchSpace SPACE = SearchSpaceCodec.parse("""
            {"schemaVersion": 1, "name": "toy", "decisions": [
              {"name": "a", "choices": [0, 1, 2, 3]},
              {"name": "b", "choices": ["x", "y", "z"]},
              {"name": "c", "choices": [true, false]}]}""", "toy");

    static Project project(int tasks, int trialsPerTask, int workers, int checkpointEvery) {
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            specs.add(new TaskSpec("t" + i, "toy", null, "accuracy", null));
        }
        return new Project(null, "toy", "", SPACE, "toy.json", specs, new StrategySpec("random", null), trialsPerTask,
                99, null, new ExecutionSettings(workers, -1.0, checkpointEvery), null, "{}");
    }

    static long newRun(RunStore store, Project p) {
        return store.createRun(new NewRun(p.name(), "random", p.seed(), p.totalTrials(), "h", "{}", "{}",
                p.tasks().stream().map(TaskSpec::name).toList(), "/data"));
    }

    static RunStatus run(RunStore store, long runId, Project p, boolean instant, SearchListener listener,
                         SearchControl control) throws InterruptedException {
        return run(store, runId, p, instant, listener, control, new RandomSearch(SPACE, p.tasks().size(), p.seed()));
    }

    static RunStatus run(RunStore store, long runId, Project p, boolean instant, SearchListener listener,
                         SearchControl control, io.wayfinder.strategy.Strategy strategy) throws InterruptedException {
        List<TrialEvaluator> evaluators = Collections.nCopies(p.tasks().size(),
                new ToyEvaluator(new int[] {2, 1, 0}, 3, instant));
        List<String> provenance = Collections.nCopies(p.tasks().size(), "{\"spaceHash\":\"h\"}");
        return new SearchLoop(store, runId, p, strategy, evaluators, provenance, listener, control).run();
    }

    /** What must be identical between an interrupted-and-resumed run and an uninterrupted one. */
    static List<String> history(RunStore store, long runId) {
        return store.observedTrials(runId, -1).stream()
                .map(t -> t.seq() + ":" + t.task() + ":" + java.util.Arrays.toString(t.configuration()) + ":"
                        + t.reward() + ":" + t.status())
                .collect(Collectors.toList());
    }

    @Test
    void runsExactlyTheRequestedTrialsPerTaskOnAWorkerPool() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(2, 15, 2, 10);
        long id = newRun(store, p);
        assertThat(run(store, id, p, false, null, null)).isEqualTo(RunStatus.FINISHED);
        List<TrialRecord> trials = store.observedTrials(id, -1);
        assertThat(trials).hasSize(30);
        assertThat(trials.stream().filter(t -> t.task() == 0)).hasSize(15);
        assertThat(trials).extracting(TrialRecord::seq).doesNotHaveDuplicates();
        assertThat(trials).extracting(TrialRecord::observeOrder).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 30).boxed().toList());
        assertThat(trials).allSatisfy(t -> assertThat(t.provenance()).contains("\"trialSeed\":").contains("\"attempt\":1"));
        assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(store.latestCheckpoint(id, SearchLoop.CHECKPOINT_KIND).orElseThrow().observations()).isEqualTo(30);
    }

    @Test
    void aFailingChildIsAFailedTrialWithItsReasonAndTheSearchGoesOn() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(1, 40, 1, 10);
        long id = newRun(store, p);
        assertThat(run(store, id, p, true, null, null)).isEqualTo(RunStatus.FINISHED);
        List<TrialRecord> trials = store.observedTrials(id, -1);
        assertThat(trials).hasSize(40);
        List<TrialRecord> failed = trials.stream().filter(t -> t.status() == TrialStatus.FAILED).toList();
        assertThat(failed).isNotEmpty().allSatisfy(t -> {
            assertThat(t.configuration()[0]).isEqualTo(3);
            assertThat(t.failureReason()).isEqualTo("ChildFailedException: loss became NaN at step 3");
            assertThat(t.reward()).isEqualTo(-1.0);
            assertThat(t.validationMetric()).isNaN();
        });
    }

    @Test
    void sameSeedGivesTheSameRun() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(2, 20, 1, 7);
        long a = newRun(store, p);
        long b = newRun(store, p);
        run(store, a, p, true, null, null);
        run(store, b, p, true, null, null);
        assertThat(history(store, b)).isEqualTo(history(store, a));
    }

    static io.wayfinder.strategy.Strategy controller(Project p) {
        return io.wayfinder.strategy.Strategies.create(new StrategySpec("maml", io.wayfinder.project.Settings.empty()),
                SPACE, p.tasks().size(), p.seed(), s -> java.util.Optional.empty());
    }

    @Test
    void aControllerRunStoppedAndResumedOnAWorkerPoolEndsIdenticalToAnUninterruptedOne() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(2, 40, 2, 9);
        long whole = newRun(store, p);
        run(store, whole, p, false, null, null, controller(p));

        long parts = newRun(store, p);
        SearchControl control = new SearchControl();
        SearchListener stopAt33 = new SearchListener() {
            @Override
            public void trialFinished(TrialRecord trial, int observed, int requested) {
                if (observed == 33) {
                    control.requestStop();
                }
            }
        };
        run(store, parts, p, false, stopAt33, control, controller(p));
        assertThat(store.countObserved(parts)).isLessThan(80);
        assertThat(run(store, parts, p, false, null, null, controller(p))).isEqualTo(RunStatus.FINISHED);
        assertThat(history(store, parts)).isEqualTo(history(store, whole));
        byte[] a = SearchLoop.strategyState(store.latestCheckpoint(whole, SearchLoop.CHECKPOINT_KIND).orElseThrow().state());
        byte[] b = SearchLoop.strategyState(store.latestCheckpoint(parts, SearchLoop.CHECKPOINT_KIND).orElseThrow().state());
        assertThat(b).isEqualTo(a);
        assertThat(store.snapshots(parts, 1, -1)).hasSameSizeAs(store.snapshots(whole, 1, -1));
        assertThat(store.latestTaskEmbeddings(parts).orElseThrow()).isDeepEqualTo(store.latestTaskEmbeddings(whole).orElseThrow());
    }

    @Test
    void stoppedAndResumedRunEqualsAnUninterruptedOne() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(2, 30, 1, 8);
        long whole = newRun(store, p);
        run(store, whole, p, true, null, null);

        long parts = newRun(store, p);
        SearchControl control = new SearchControl();
        SearchListener stopAt25 = new SearchListener() {
            @Override
            public void trialFinished(TrialRecord trial, int observed, int requested) {
                if (observed == 25) {
                    control.requestStop();
                }
            }
        };
        assertThat(run(store, parts, p, true, stopAt25, control)).isEqualTo(RunStatus.STOPPED);
        assertThat(store.countObserved(parts)).isEqualTo(25);
        assertThat(run(store, parts, p, true, null, null)).isEqualTo(RunStatus.FINISHED);
        assertThat(history(store, parts)).isEqualTo(history(store, whole));
    }

    @Test
    void afterACrashTheTrialInFlightIsRedoneAndNothingIsLostOrDoubled() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(2, 25, 1, 10);
        long whole = newRun(store, p);
        run(store, whole, p, true, null, null);

        long crashed = newRun(store, p);
        RunStore crashing = crashAtTrial(store, 33);
        assertThatThrownBy(() -> run(crashing, crashed, p, true, null, null)).isInstanceOf(SimulatedKill.class);
        // as after kill -9: trial 33 is still "running"; the last checkpoint is at 30 observations
        assertThat(store.trials(crashed)).filteredOn(t -> t.status() == TrialStatus.RUNNING).hasSize(1);
        assertThat(store.latestCheckpoint(crashed, SearchLoop.CHECKPOINT_KIND).orElseThrow().observations()).isEqualTo(30);

        assertThat(run(store, crashed, p, true, null, null)).isEqualTo(RunStatus.FINISHED);
        assertThat(history(store, crashed)).isEqualTo(history(store, whole));
        List<TrialRecord> all = store.trials(crashed);
        assertThat(all).filteredOn(t -> t.status() == TrialStatus.INTERRUPTED).singleElement()
                .satisfies(t -> assertThat(t.seq()).isEqualTo(33));
        assertThat(all).filteredOn(t -> t.seq() == 33 && t.status().counted()).singleElement()
                .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
    }

    @Test
    void aRunCanBeExtendedByRaisingItsBudget() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(1, 10, 1, 4);
        long id = newRun(store, p);
        run(store, id, p, true, null, null);
        store.setRequestedTrials(id, 18);
        Project more = p.withTrialsPerTask(18);
        run(store, id, more, true, null, null);
        assertThat(store.observedTrials(id, -1)).hasSize(18).extracting(TrialRecord::seq)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 18).boxed().toList());
    }

    /** Thrown by the crashing store: not caught by the loop, like a killed process. */
    static final class SimulatedKill extends Error {
        SimulatedKill() {
            super("simulated kill -9");
        }
    }

    /** A store that loses its checkpoint writes at the crash and dies right after recording trial {@code seq}'s start. */
    static RunStore crashAtTrial(RunStore real, int seq) {
        boolean[] dead = {false};
        InvocationHandler h = (proxy, method, args) -> {
            if (dead[0] && (method.getName().startsWith("save") || method.getName().startsWith("set")
                    || method.getName().equals("markInterrupted"))) {
                return null;
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("startTrial") && ((TrialStart) args[1]).seq() == seq) {
                dead[0] = true;
                throw new SimulatedKill();
            }
            return result;
        };
        return (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class}, h);
    }

    @Test
    void checkpointsCarryTheLoopState() throws Exception {
        InMemoryRunStore store = new InMemoryRunStore();
        Project p = project(1, 12, 1, 5);
        long id = newRun(store, p);
        run(store, id, p, true, null, null);
        Checkpoint c = store.latestCheckpoint(id, SearchLoop.CHECKPOINT_KIND).orElseThrow();
        LoopState s = LoopState.fromBytes(c.state());
        assertThat(s.observations()).isEqualTo(12);
        assertThat(s.nextSeq()).isEqualTo(12);
        assertThat(SearchLoop.strategyState(c.state())).isEqualTo(s.strategyState());
    }

    @Test
    void forbiddenConfigurationsAreNeverTrainedAndRandomSearchCoversTheRest() throws Exception {
        SearchSpace constrained = SearchSpaceCodec.parse("""
                {"schemaVersion": 1, "name": "toy", "decisions": [
                  {"name": "a", "choices": [0, 1, 2, 3]},
                  {"name": "b", "choices": ["x", "y", "z"]},
                  {"name": "c", "choices": [true, false]}],
                 "constraints": [{"forbid": {"a": 2, "b": "y"}}]}""", "toy");
        Project p = project(1, 300, 0, 50);
        p = new Project(null, "toy", "", constrained, "toy.json", p.tasks(), p.strategy(), 300, 99, null,
                p.execution(), null, "{}");
        InMemoryRunStore store = new InMemoryRunStore();
        long id = newRun(store, p);
        assertThat(run(store, id, p, true, null, null, new RandomSearch(constrained, 99))).isEqualTo(RunStatus.FINISHED);
        List<TrialRecord> trials = store.observedTrials(id, -1);
        assertThat(trials).hasSize(300);
        assertThat(trials).noneMatch(t -> t.configuration()[0] == 2 && t.configuration()[1] == 1);
        assertThat(trials.stream().map(t -> java.util.Arrays.toString(t.configuration())).distinct().count())
                .isEqualTo(22);
    }
}
