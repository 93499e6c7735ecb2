package io.wayfinder.ui;

import io.wayfinder.TestData;
import io.wayfinder.exec.Provenance;
import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.run.NewRun;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.store.RunStore;
import io.wayfinder.task.EvaluatorProvider;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TrialEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs on the NAS-Bench-201 tabular benchmark for the workbench's tests (skipped without the shared data). */
public final class TabularRuns {
    private TabularRuns() {
    }

    /** The random-search sample project, with {@code trials} per task, on cifar10 (and cifar100 when multitask). */
    public static Project project(int trials, boolean multitask) {
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        Project p = ProjectCodec.read(TestData.samples().resolve("nas201-random.json")).withTrialsPerTask(trials);
        if (multitask) {
            TaskSpec t = p.tasks().get(0);
            p = p.withTasks(List.of(t, new TaskSpec("cifar100", t.kind(), t.data(), t.metric(), t.settings())))
                    .withTrialsPerTask(trials);
        }
        return p;
    }

    /** Runs the project with the test policy strategy on this thread and returns the run id. */
    public static long runWithPolicy(RunStore store, Project project, SearchListener listener, SearchControl control)
            throws InterruptedException {
        project = project.withStrategy(new StrategySpec("policy-test", null));
        TaskEnvironment env = new TaskEnvironment(TestData.dataDirectory(), project.directory(),
                Path.of(System.getProperty("java.io.tmpdir"), "wayfinder-cache"));
        List<TrialEvaluator> evaluators = new ArrayList<>();
        List<String> provenance = new ArrayList<>();
        String hash = SearchSpaceCodec.hash(project.space());
        for (TaskSpec t : project.tasks()) {
            TrialEvaluator e = EvaluatorProvider.forKind(t.kind()).create(t, env);
            evaluators.add(e);
            provenance.add(Provenance.forTask(hash, "policy-test", project.seed(), e));
        }
        long id = store.createRun(new NewRun(project.name(), "policy-test", project.seed(), project.totalTrials(), hash,
                project.json() == null ? "" : project.json(), SearchSpaceCodec.write(project.space()),
                project.tasks().stream().map(TaskSpec::name).toList(), TestData.dataDirectory().toString()));
        new SearchLoop(store, id, project, new PolicyTestStrategy(project.space(), project.tasks().size(),
                project.seed(), 2.0), evaluators, provenance, listener, control).run();
        evaluators.forEach(TrialEvaluator::close);
        return id;
    }
}
