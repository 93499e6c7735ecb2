package io.wayfinder.cli;

import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.project.ExecutionSettings;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.service.FinalTrainingPlan;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wayfinder run PROJECT}: starts a new run of a project and follows it to the end. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start a search from a project file.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT", description = "The project file (JSON).")
    Path projectFile;

    @Option(names = "--trials", paramLabel = "N", description = "Trials per task (overrides the project's budget).")
    Integer trials;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (overrides the project's).")
    Long seed;

    @Option(names = "--workers", paramLabel = "N", description = "Trials trained at once (0 = one per core). With a "
            + "database --store: worker threads in this process besides the worker processes (0 = coordinate only).")
    Integer workers;

    @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "30",
            description = "With a database --store: a worker silent this long is presumed dead (default 30).")
    double leaseSeconds;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "N of accuracy-topN (default 10).")
    int top;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        Project project = ProjectCodec.read(projectFile);
        if (trials != null) {
            project = project.withTrialsPerTask(trials);
        }
        if (seed != null) {
            project = project.withSeed(seed);
        }
        if (workers != null) {
            ExecutionSettings e = project.execution();
            project = project.withExecution(new ExecutionSettings(workers, e.failureReward(), e.checkpointEvery()));
        }
        if (options.shared(project.directory(), project.store())) {
            int local = workers != null ? workers : project.execution().workers();
            try (RunStore store = RunStores.open(options.storeLocation(project.directory(), project.store()));
                 PreparedSearch search = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                         .start(project)) {
                System.out.println("store " + store.location() + ", data " + options.dataDirectory() + "; run "
                        + search.runId() + " is shared: start workers with 'wayfinder worker --store URL --run "
                        + search.runId() + "'" + (local > 0 ? " (" + local + " more in this process)" : ""));
                int code = follow(store, search, 10, distribution(local, leaseSeconds));
                if (project.finalTraining() != null) {
                    say("final training: not run for a run shared through a database store; start it with "
                            + "'wayfinder run' on a local store, or retrain the best trials with the fixed strategy");
                }
                return code;
            }
        }
        Path storePath = options.storePath(project.directory(), project.store());
        return runToEnd(project, storePath, options);
    }

    static SearchLoop.Distribution distribution(int localWorkers, double leaseSeconds) {
        if (!(leaseSeconds >= 0.5 && leaseSeconds <= 86_400)) {
            throw new IllegalArgumentException("--lease: expected seconds between 0.5 and 86400, got " + leaseSeconds);
        }
        return new SearchLoop.Distribution(localWorkers, Math.round(leaseSeconds * 1000), 20);
    }

    static int runToEnd(Project project, Path storePath, StoreOptions options) throws InterruptedException {
        RunStores.Created opened = RunStores.openForNewRun(storePath);
        PreparedSearch prepared;
        try {
            Searches searches = new Searches(opened.store(), options.dataDirectory(), options.cacheDirectory());
            searches.checkFinalTraining(project);
            prepared = searches.onStatus(RunCommand::say).start(project);
        } catch (RuntimeException e) {
            // a run that cannot start leaves nothing behind, not even an empty store file
            opened.discard();
            throw e;
        }
        try (RunStore store = opened.store(); PreparedSearch search = prepared) {
            System.out.println("store " + storePath.toAbsolutePath() + ", data " + options.dataDirectory());
            int code = follow(store, search, 10);
            if (code == 0 && project.finalTraining() != null) {
                code = finalTraining(store, search.runId(), search.project(), options);
            }
            return code;
        }
    }

    /** After a finished search: trains its best configurations again per task (the project's finalTraining block). */
    static int finalTraining(RunStore store, long searchRunId, Project search, StoreOptions options)
            throws InterruptedException {
        int code = 0;
        List<TrialRecord> trials = store.trials(searchRunId);
        for (int task = 0; task < search.tasks().size(); task++) {
            List<TrialRecord> best = FinalTrainingPlan.best(trials, task, search.finalTraining().top());
            String taskName = search.tasks().get(task).name();
            if (best.isEmpty()) {
                say("final training on " + taskName + ": skipped, the search has no complete trial on it");
                continue;
            }
            Project fin = FinalTrainingPlan.project(search, searchRunId, task, best);
            say("final training on " + taskName + ": the best " + (best.size() == 1 ? "configuration"
                    : best.size() + " configurations") + " of run " + searchRunId + " (trial "
                    + String.join(", ", best.stream().map(t -> "#" + t.seq()).toList()) + ") trained again with "
                    + search.finalTraining().settings());
            try (PreparedSearch run = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                    .onStatus(RunCommand::say).start(fin)) {
                int c = follow(store, run, 10);
                code = Math.max(code, c);
                if (c != 0) {
                    break;
                }
            }
        }
        return code;
    }

    /** A preparation step, printed at once (also when the output is a pipe). */
    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static int follow(RunStore store, PreparedSearch search, int top) throws InterruptedException {
        return follow(store, search, top, null);
    }

    static int follow(RunStore store, PreparedSearch search, int top, SearchLoop.Distribution distribution)
            throws InterruptedException {
        SearchControl control = new SearchControl();
        Thread hook = new Thread(control::requestStop, "wayfinder-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        RunStatus status;
        try {
            status = search.run(ConsoleProgress.forStdout().tasks(
                    search.project().tasks().stream().map(io.wayfinder.project.TaskSpec::name).toList())
                    .recorded(store.trials(search.runId())), control, distribution);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        RunSummary.print(store, search.runId(), top, 5, System.out);
        return status == RunStatus.FINISHED ? 0 : 1;
    }
}
