package io.wayfinder.task;

import io.wayfinder.run.InputException;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import java.nio.file.Path;
import java.util.List;

/**
 * Answers a configuration from a tabular benchmark instead of training. Decision paths are matched to columns of the
 * same name (or through {@code columns} settings: {@code {"e_1_0": "edge1"}}); a configuration missing from the table
 * is an error, never a zero.
 *
 * <p>Task settings: {@code taskColumn} (default {@code task}), {@code taskValue} (default: the task's name),
 * {@code rewardColumn}, {@code testColumn}, {@code scale} (multiply the figures, e.g. 0.01 for percent to fraction),
 * {@code simulatedMillis} (sleep this long per trial to pace a demo or a kill-and-resume test like real training;
 * default 0).
 */
public final class TabularEvaluator implements TrialEvaluator {
    private final TaskSpec task;
    private final TabularBenchmark table;
    private final TabularBenchmark.Index index;
    private final List<String> keyColumns;
    private final double scale;
    private final long simulatedMillis;
    private volatile SearchSpace checkedSpace;

    public TabularEvaluator(TaskSpec task, Path file) {
        this.task = task;
        Settings s = task.settings();
        this.table = TabularBenchmark.load(file);
        this.keyColumns = s.strings("keyColumns");
        if (keyColumns.isEmpty()) {
            throw s.error("keyColumns", "the list of table columns that name an architecture, in the search "
                    + "space's slot order");
        }
        String taskColumn = s.string("taskColumn", "task");
        this.index = table.index(taskColumn.isEmpty() ? null : taskColumn, s.string("taskValue", task.name()),
                keyColumns, s.requireString("rewardColumn"), s.string("testColumn", null));
        this.scale = s.number("scale", 1.0, 1e-9, 1e9);
        this.simulatedMillis = s.integer("simulatedMillis", 0, 0, 60_000);
    }

    /** Fails early when the space's slots cannot be looked up in this table. */
    public void check(SearchSpace space) {
        if (space == checkedSpace) {
            return;
        }
        if (space.flat().size() != keyColumns.size()) {
            throw new InputException(task.settings().source(), task.settings().path() + ".keyColumns",
                    space.flat().size() + " columns, one per slot of search space " + space.name() + ", found "
                            + keyColumns.size());
        }
        checkedSpace = space;
    }

    @Override
    public Evaluation evaluate(TrialContext context) throws InterruptedException {
        if (simulatedMillis > 0) {
            Thread.sleep(simulatedMillis);
        }
        SearchSpace space = context.space();
        check(space);
        Configuration c = context.configuration();
        String[] key = new String[keyColumns.size()];
        for (FlatDecision f : space.flat()) {
            key[f.index()] = f.choices().get(c.get(f.index())).valueText();
        }
        double[] row = index.lookup(key);
        if (row == null) {
            throw new IllegalStateException("configuration " + String.join(",", key) + " is not in table "
                    + table.file() + " for task " + task.name());
        }
        double reward = row[0] * scale;
        return new Evaluation(reward, reward, row[1] * scale, null);
    }

    /** Rows available for this task. */
    public int size() {
        return index.size();
    }

    @Override
    public String datasetId() {
        return table.file().getFileName() + "/" + task.settings().string("taskValue", task.name());
    }

    @Override
    public String datasetHash() {
        return table.hash();
    }

    @Override
    public boolean instant() {
        return simulatedMillis == 0;
    }

    /** The {@code tabular} task kind. */
    public static final class Provider implements EvaluatorProvider {
        /** The documented task settings of this kind. */
        public static final java.util.Set<String> KEYS = java.util.Set.of("keyColumns", "taskColumn", "taskValue", "rewardColumn", "testColumn", "scale", "simulatedMillis");

        @Override
        public java.util.Set<String> settingKeys() {
            return KEYS;
        }

        @Override
        public String kind() {
            return "tabular";
        }

        @Override
        public TrialEvaluator create(TaskSpec task, TaskEnvironment environment) {
            if (task.data() == null) {
                throw new InputException(task.settings().source(), "tasks." + task.name() + ".data",
                        "the table's file, relative to the data directory");
            }
            return new TabularEvaluator(task, environment.resolve(task.data()));
        }
    }
}
