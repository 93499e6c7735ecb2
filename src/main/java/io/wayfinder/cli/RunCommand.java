package io.wayfinder.cli;

import io.wayfinder.exec.SearchControl;
import io.wayfinder.project.ExecutionSettings;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.RunStatus;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Path;
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

    @Option(names = "--workers", paramLabel = "N", description = "Trials trained at once (0 = one per core).")
    Integer workers;

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
        Path storePath = options.storePath(project.directory(), project.store());
        return runToEnd(project, storePath, options);
    }

    static int runToEnd(Project project, Path storePath, StoreOptions options) throws InterruptedException {
        try (RunStore store = RunStores.open(storePath);
             PreparedSearch search = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                     .onStatus(RunCommand::say).start(project)) {
            System.out.println("store " + storePath.toAbsolutePath() + ", data " + options.dataDirectory());
            return follow(store, search, project.tasks().isEmpty() ? 10 : 10);
        }
    }

    /** A preparation step, printed at once (also when the output is a pipe). */
    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static int follow(RunStore store, PreparedSearch search, int top) throws InterruptedException {
        SearchControl control = new SearchControl();
        Thread hook = new Thread(control::requestStop, "wayfinder-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        RunStatus status;
        try {
            status = search.run(ConsoleProgress.forStdout().tasks(
                    search.project().tasks().stream().map(io.wayfinder.project.TaskSpec::name).toList()), control);
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
