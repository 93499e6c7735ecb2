package io.wayfinder.service;

import io.wayfinder.exec.Provenance;
import io.wayfinder.exec.RunOwnership;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.run.NewRun;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.RunRecord;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.store.RunStore;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.task.EvaluatorProvider;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TrialEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Starts and resumes searches: the one place that turns a project into evaluators, a strategy and a run in a store.
 * Everything that can be checked (data files, task settings, strategy settings) is checked before the run is written,
 * so a run that never started leaves nothing in the store.
 */
public final class Searches {
    private final RunStore store;
    private final Path dataDirectory;
    private final Path cacheDirectory;
    private java.util.function.Consumer<String> status = s -> { };

    public Searches(RunStore store, Path dataDirectory, Path cacheDirectory) {
        this.store = store;
        this.dataDirectory = dataDirectory;
        this.cacheDirectory = cacheDirectory;
    }

    public RunStore store() {
        return store;
    }

    /**
     * Where preparation steps say what they do (loading a task's data, building embeddings), one line each, on the
     * calling thread. Default: nowhere.
     */
    public Searches onStatus(java.util.function.Consumer<String> status) {
        this.status = status == null ? s -> { } : status;
        return this;
    }

    /**
     * A project checked as far as it can be without running it: its tasks' data loaded into evaluators and its strategy
     * built from its settings. Close it unless it is handed to a run.
     */
    public record Checked(Project project, List<TrialEvaluator> evaluators, Strategy strategy) implements AutoCloseable {
        @Override
        public void close() {
            evaluators.forEach(TrialEvaluator::close);
        }
    }

    /**
     * The one validation path, used by {@code validate}, {@code run}, {@code resume} and the workbench: every task's
     * kind, settings and data, and the strategy's name and settings (ranges, unknown keys, pre-trained state). What
     * passes here starts; what fails here fails before anything is written.
     */
    public Checked check(Project project) {
        List<TrialEvaluator> evaluators = evaluators(project);
        try {
            return new Checked(project, evaluators, strategy(project));
        } catch (RuntimeException e) {
            evaluators.forEach(TrialEvaluator::close);
            throw e;
        }
    }

    /** Prepares a new run of a project (overrides already applied to it). */
    public PreparedSearch start(Project project) {
        Checked checked = check(project);
        List<TrialEvaluator> evaluators = checked.evaluators();
        RunOwnership owner = null;
        try {
            String spaceHash = SearchSpaceCodec.hash(project.space());
            Strategy strategy = checked.strategy();
            long runId = store.createRun(new NewRun(project.name(), project.strategy().name(), project.seed(),
                    project.totalTrials(), spaceHash, project.json() == null ? "" : project.json(),
                    SearchSpaceCodec.write(project.space()), project.tasks().stream().map(TaskSpec::name).toList(),
                    dataDirectory.toString()));
            owner = RunOwnership.take(store, runId);
            List<io.wayfinder.run.TaskRecord> tasks = new ArrayList<>();
            for (int i = 0; i < project.tasks().size(); i++) {
                TaskSpec t = project.tasks().get(i);
                tasks.add(new io.wayfinder.run.TaskRecord(i, t.name(), t.kind(), t.metric(),
                        evaluators.get(i).datasetId(), evaluators.get(i).datasetHash()));
            }
            store.recordProjectAndTasks(runId, project.name(),
                    project.file() == null ? null : project.file().toAbsolutePath().normalize().toString(), tasks);
            return new PreparedSearch(store, runId, project, strategy, evaluators, provenance(project, evaluators),
                    owner);
        } catch (RuntimeException e) {
            checked.close();
            if (owner != null) {
                owner.close();
            }
            throw e;
        }
    }

    /**
     * Prepares a stored run to continue: the project and search space frozen in the run, the latest checkpoint and
     * every recorded trial. {@code moreTrials > 0} raises the run's budget to that many trials per task.
     */
    public PreparedSearch resume(long runId, int trialsPerTask) {
        RunRecord run = store.run(runId).orElseThrow(() -> new NoSuchElementException("no run " + runId + " in the store"));
        Project project = storedProject(run);
        int perTask = trialsPerTask > 0 ? trialsPerTask : Math.max(1, run.requestedTrials() / project.tasks().size());
        project = project.withTrialsPerTask(perTask);
        // one process executes a run: take its lease before writing anything to it
        RunOwnership owner = RunOwnership.take(store, runId);
        try {
            Checked checked = check(project);
            if (project.totalTrials() != run.requestedTrials()) {
                store.setRequestedTrials(runId, project.totalTrials());
            }
            for (int i = 0; i < checked.evaluators().size(); i++) {
                if (checked.evaluators().get(i) instanceof io.wayfinder.exec.HurdleEvaluator h) {
                    h.rebuild(store.trials(runId), i);
                }
            }
            return new PreparedSearch(store, runId, project, checked.strategy(), checked.evaluators(),
                    provenance(project, checked.evaluators()), owner);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * Checks the project's final-training block like a task's own settings (with a stand-in configuration), so that a
     * typo in it stops the run before the search starts rather than after it.
     */
    public void checkFinalTraining(Project project) {
        if (project.finalTraining() != null) {
            for (int task = 0; task < project.tasks().size(); task++) {
                check(FinalTrainingPlan.probe(project, task)).close();
            }
        }
    }

    /** The project a run was started from, with its seed and budget as the run recorded them. */
    public static Project storedProject(RunRecord run) {
        SearchSpace space = SearchSpaceCodec.parse(run.spaceJson(), "run " + run.id() + " (stored search space)");
        Project p = ProjectCodec.fromTree(Json.readTree(run.projectJson(), "run " + run.id() + " (stored project)"),
                "run " + run.id() + " (stored project)", null, run.projectJson(), ref -> space);
        p = p.withSeed(run.seed()).withTrialsPerTask(Math.max(1, run.requestedTrials() / p.tasks().size()));
        if (!p.strategy().name().equals(run.strategy())) {
            p = p.withStrategy(new io.wayfinder.project.StrategySpec(run.strategy(), p.strategy().settings()));
        }
        return p;
    }

    /** The evaluators of a project's tasks over this machine's data directory (what a worker trains with). */
    public List<TrialEvaluator> evaluatorsOf(Project project) {
        return evaluators(project);
    }

    private List<TrialEvaluator> evaluators(Project project) {
        TaskEnvironment env = new TaskEnvironment(dataDirectory, project.directory(), cacheDirectory);
        List<TrialEvaluator> out = new ArrayList<>();
        try {
            for (TaskSpec t : project.tasks()) {
                EvaluatorProvider provider;
                try {
                    provider = EvaluatorProvider.forKind(t.kind());
                } catch (IllegalArgumentException e) {
                    throw new InputException(t.settings().source(), "task " + t.name() + " kind", e.getMessage());
                }
                t.settings().requireOnly(provider.settingKeys());
                status.accept("preparing task " + t.name() + " (" + t.kind() + "): " + switch (t.kind()) {
                    case "tabular" -> "loading the benchmark table";
                    case "image" -> "loading and splitting the IDX images";
                    case "text" -> "loading the text and its embedding modules (a word2vec module not yet in the cache "
                            + "is trained once, with progress: under a minute for CBOW, a few for skip-gram; "
                            + "'wayfinder modules build' does it ahead)";
                    case "language-model" -> "loading the corpus";
                    default -> "loading its data";
                } + (t.data() == null ? "" : " from " + t.data()) + "...");
                long t0 = System.nanoTime();
                TrialEvaluator e = provider.create(t, env);
                status.accept(String.format(java.util.Locale.ROOT, "task %s ready (%.1f s)", t.name(),
                        (System.nanoTime() - t0) / 1e9));
                if (e instanceof io.wayfinder.task.TabularEvaluator tab) {
                    tab.check(project.space());
                }
                out.add(withHurdles(project, e));
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(TrialEvaluator::close);
            throw e;
        }
    }

    /**
     * Evolution's progressive dynamic hurdles wrap a trained task's evaluator; a table lookup has no budget to cut,
     * so hurdles do not apply to it.
     */
    private static TrialEvaluator withHurdles(Project project, TrialEvaluator e) {
        if (!project.strategy().name().equals("evolution") || e.instant()) {
            return e;
        }
        io.wayfinder.strategy.evolution.HurdleSettings h =
                io.wayfinder.strategy.evolution.HurdleSettings.parse(project.strategy().settings());
        return h.enabled() ? new io.wayfinder.exec.HurdleEvaluator(e, h) : e;
    }

    private Path currentProjectDirectory;

    /** The strategy a project names, freshly initialised (pre-trained state loaded where the settings ask). */
    public Strategy strategyOf(Project project) {
        return strategy(project);
    }

    private Strategy strategy(Project project) {
        currentProjectDirectory = project.directory();
        return Strategies.create(project.strategy(), project.space(), project.tasks().size(), project.seed(),
                this::pretrained);
    }

    /** Pre-trained state for transfer: {@code "pretrained": {"run": 12}} names an earlier run in this store. */
    private Optional<byte[]> pretrained(Settings settings) {
        Optional<Settings> p = settings.child("pretrained");
        if (p.isEmpty()) {
            return Optional.empty();
        }
        if (p.get().has("file")) {
            Path file = Path.of(p.get().requireString("file"));
            if (!file.isAbsolute() && currentProjectDirectory != null) {
                file = currentProjectDirectory.resolve(file);
            }
            try {
                return Optional.of(io.wayfinder.run.InputFiles.readBytes(file,
                        io.wayfinder.run.InputFiles.MAX_CHECKPOINT_BYTES));
            } catch (InputException e) {
                throw p.get().error("file", "a readable controller checkpoint file (" + e.getMessage() + ")");
            }
        }
        if (p.get().has("project")) {
            String name = p.get().requireString("project");
            RunRecord latest = store.runs().stream().filter(r -> r.name().equals(name)
                            && r.status() == io.wayfinder.run.RunStatus.FINISHED)
                    .max(java.util.Comparator.comparingLong(RunRecord::id))
                    .orElseThrow(() -> p.get().error("project", "the name of a project with a finished run in this "
                            + "store (none named \"" + name + "\"; run that project first)"));
            return store.latestCheckpoint(latest.id(), SearchLoop.CHECKPOINT_KIND)
                    .map(c -> SearchLoop.strategyState(c.state()));
        }
        long run = p.get().longValue("run", -1);
        if (run < 0) {
            throw p.get().error("run", "the id of an earlier run in this store, or \"project\": NAME (its latest finished run), or \"file\": "
                    + "a checkpoint file");
        }
        if (store.run(run).isEmpty()) {
            throw p.get().error("run", "the id of an earlier run in this store (there is no run " + run + ")");
        }
        return store.latestCheckpoint(run, SearchLoop.CHECKPOINT_KIND).map(c -> SearchLoop.strategyState(c.state()));
    }

    private static List<String> provenance(Project project, List<TrialEvaluator> evaluators) {
        String hash = SearchSpaceCodec.hash(project.space());
        List<String> out = new ArrayList<>();
        for (TrialEvaluator e : evaluators) {
            out.add(Provenance.forTask(hash, project.strategy().name(), project.seed(), e));
        }
        return out;
    }
}
