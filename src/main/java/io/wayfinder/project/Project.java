package io.wayfinder.project;

import io.wayfinder.space.SearchSpace;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A project file, read and validated: the search space, the tasks, the strategy, the budget, the seed and where runs
 * are stored.
 *
 * @param file          the project file (null for one rebuilt from a stored run)
 * @param name          the project's name
 * @param description   free text
 * @param space         the search space
 * @param spaceFile     the search-space file as written in the project (relative to the project file)
 * @param tasks         the tasks, in order; a trial's task index refers to this list
 * @param strategy      the strategy
 * @param trialsPerTask the budget: finished trials per task
 * @param seed          the run's seed
 * @param store         the store path from the project, or null for the default
 * @param execution     worker count, failure reward, checkpoint cadence
 * @param finalTraining what to train again after the search (null: nothing)
 * @param json          the project file's text, frozen into every run
 */
public record Project(Path file, String name, String description, SearchSpace space, String spaceFile,
                      List<TaskSpec> tasks, StrategySpec strategy, int trialsPerTask, long seed, String store,
                      ExecutionSettings execution, FinalTraining finalTraining, String json) {
    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(space, "space");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a project needs at least one task");
        }
        if (trialsPerTask < 1) {
            throw new IllegalArgumentException("trialsPerTask must be at least 1");
        }
    }

    public int totalTrials() {
        return trialsPerTask * tasks.size();
    }

    public Path directory() {
        return file == null ? null : file.toAbsolutePath().getParent();
    }

    public int taskIndex(String taskName) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).name().equals(taskName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no task named " + taskName + " in project " + name);
    }

    public Project withTrialsPerTask(int trials) {
        return new Project(file, name, description, space, spaceFile, tasks, strategy, trials, seed, store, execution,
                finalTraining, json);
    }

    public Project withSeed(long newSeed) {
        return new Project(file, name, description, space, spaceFile, tasks, strategy, trialsPerTask, newSeed, store,
                execution, finalTraining, json);
    }

    public Project withExecution(ExecutionSettings e) {
        return new Project(file, name, description, space, spaceFile, tasks, strategy, trialsPerTask, seed, store, e,
                finalTraining, json);
    }

    public Project withStrategy(StrategySpec s) {
        return new Project(file, name, description, space, spaceFile, tasks, s, trialsPerTask, seed, store, execution,
                finalTraining, json);
    }

    public Project withTasks(List<TaskSpec> newTasks) {
        return new Project(file, name, description, space, spaceFile, newTasks, strategy, trialsPerTask, seed, store,
                execution, finalTraining, json);
    }

    /** The same project without its final training (the search alone). */
    public Project withoutFinalTraining() {
        return new Project(file, name, description, space, spaceFile, tasks, strategy, trialsPerTask, seed, store,
                execution, null, json);
    }
}
