package io.wayfinder.project;

import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.run.InputException.Problem;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads project files.
 *
 * <pre>{@code
 * { "schemaVersion": 1, "name": "nas201-random", "description": "...",
 *   "searchSpace": "spaces/nas-bench-201.json",
 *   "tasks": [ { "name": "cifar10", "kind": "tabular", "data": "nats-bench-tss/nats_tss_test_acc.tsv",
 *                "metric": "accuracy", "settings": { ... } } ],
 *   "strategy": { "name": "random", "settings": { } },
 *   "budget": { "trialsPerTask": 1000 },
 *   "seed": 1,
 *   "store": "optional/path/to/store.db",
 *   "execution": { "workers": 1, "failureReward": 0.0, "checkpointEvery": 100 } }
 * }</pre>
 */
public final class ProjectCodec {
    public static final int SCHEMA_VERSION = 1;
    /** The largest budget a project may ask for (a run of this many trials per task is weeks of tabular lookups). */
    public static final int MAX_TRIALS_PER_TASK = 10_000_000;
    private static final Set<String> TOP = Set.of("schemaVersion", "name", "description", "searchSpace", "tasks",
            "strategy", "budget", "seed", "store", "execution", "finalTraining");
    private static final Set<String> TASK = Set.of("name", "kind", "data", "metric", "settings");
    private static final Set<String> STRATEGY = Set.of("name", "settings");
    private static final Set<String> BUDGET = Set.of("trialsPerTask");

    private ProjectCodec() {
    }

    /** Reads a project file and its search-space file. */
    public static Project read(Path file) {
        String text = io.wayfinder.run.InputFiles.readUtf8(file, io.wayfinder.run.InputFiles.MAX_JSON_BYTES);
        JsonNode root = Json.readTree(text, file.toString());
        Path dir = file.toAbsolutePath().getParent();
        return fromTree(root, file.toString(), file, text, ref -> SearchSpaceCodec.read(dir.resolve(ref)));
    }

    /**
     * Builds a project from a tree; {@code spaces} loads the search space named by the {@code searchSpace} field
     * (from a file, or from the copy frozen in a stored run).
     */
    public static Project fromTree(JsonNode root, String source, Path file, String text,
                                   Function<String, SearchSpace> spaces) {
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new InputException(source, "$", "a JSON object describing a project");
        }
        unknown(root, "$", TOP, source, problems);
        JsonNode v = root.get("schemaVersion");
        if (v == null || !v.isInt() || v.asInt() != SCHEMA_VERSION) {
            problems.add(new Problem(source, "$.schemaVersion", "schema version " + SCHEMA_VERSION + ", found " + v));
        }
        String name = text(root, "name", "$", source, problems, true);
        String description = text(root, "description", "$", source, problems, false);
        String spaceRef = text(root, "searchSpace", "$", source, problems, true);

        List<TaskSpec> tasks = new ArrayList<>();
        JsonNode ts = root.get("tasks");
        if (ts == null || !ts.isArray() || ts.isEmpty()) {
            problems.add(new Problem(source, "$.tasks", "a non-empty list of tasks"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < ts.size(); i++) {
                String p = "$.tasks[" + i + "]";
                JsonNode t = ts.get(i);
                if (!t.isObject()) {
                    problems.add(new Problem(source, p, "a task object"));
                    continue;
                }
                unknown(t, p, TASK, source, problems);
                String tn = text(t, "name", p, source, problems, true);
                String kind = text(t, "kind", p, source, problems, true);
                String data = text(t, "data", p, source, problems, false);
                String metric = text(t, "metric", p, source, problems, false);
                if (tn != null && !names.add(tn)) {
                    problems.add(new Problem(source, p + ".name", "a unique task name, but \"" + tn + "\" repeats"));
                }
                Settings settings = settings(t.get("settings"), p + ".settings", source, problems);
                if (tn != null && kind != null) {
                    tasks.add(new TaskSpec(tn, kind, data == null || data.isEmpty() ? null : data,
                            metric == null || metric.isEmpty() ? "accuracy" : metric, settings));
                }
            }
        }

        StrategySpec strategy = new StrategySpec("random", Settings.empty());
        JsonNode s = root.get("strategy");
        if (s != null) {
            if (!s.isObject()) {
                problems.add(new Problem(source, "$.strategy", "an object with name and settings"));
            } else {
                unknown(s, "$.strategy", STRATEGY, source, problems);
                String sn = text(s, "name", "$.strategy", source, problems, true);
                Settings ss = settings(s.get("settings"), "$.strategy.settings", source, problems);
                if (sn != null) {
                    strategy = new StrategySpec(sn, ss);
                }
            }
        }

        int trials = 100;
        JsonNode b = root.get("budget");
        if (b != null) {
            unknown(b, "$.budget", BUDGET, source, problems);
            JsonNode tp = b.get("trialsPerTask");
            if (tp == null || !tp.isIntegralNumber() || !tp.canConvertToInt() || tp.asInt() < 1
                    || tp.asInt() > MAX_TRIALS_PER_TASK) {
                problems.add(new Problem(source, "$.budget.trialsPerTask", "a whole number from 1 to "
                        + MAX_TRIALS_PER_TASK + ", found " + abbreviate(tp)));
            } else {
                trials = tp.asInt();
            }
        }
        long seed = 1;
        JsonNode sd = root.get("seed");
        if (sd != null) {
            if (!sd.isIntegralNumber() || !sd.canConvertToLong()) {
                problems.add(new Problem(source, "$.seed", "a whole number, found " + sd));
            } else {
                seed = sd.asLong();
            }
        }
        String store = text(root, "store", "$", source, problems, false);
        ExecutionSettings execution = ExecutionSettings.defaults();
        JsonNode e = root.get("execution");
        if (e != null) {
            Settings es = settings(e, "$.execution", source, problems);
            try {
                execution = ExecutionSettings.of(es);
            } catch (InputException ex) {
                problems.addAll(ex.problems());
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(source, "$.execution", ex.getMessage()));
            }
        }
        FinalTraining finalTraining = null;
        JsonNode ft = root.get("finalTraining");
        if (ft != null && !ft.isNull()) {
            if (!ft.isObject()) {
                problems.add(new Problem(source, "$.finalTraining", "an object with top and settings"));
            } else {
                try {
                    finalTraining = FinalTraining.of(Settings.of(source, "$.finalTraining", ft));
                } catch (InputException ex) {
                    problems.addAll(ex.problems());
                } catch (IllegalArgumentException ex) {
                    problems.add(new Problem(source, "$.finalTraining", ex.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        SearchSpace space = spaces.apply(spaceRef);
        return new Project(file, name, description, space, spaceRef, tasks, strategy, trials, seed,
                store == null || store.isEmpty() ? null : store, execution, finalTraining, text);
    }

    /** A found value for an error message: short, so that a huge value does not flood the terminal. */
    static String abbreviate(JsonNode v) {
        String t = String.valueOf(v);
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }

    private static Settings settings(JsonNode node, String path, String source, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return new Settings(source, path, null);
        }
        if (!node.isObject()) {
            problems.add(new Problem(source, path, "an object of settings"));
            return new Settings(source, path, null);
        }
        return Settings.of(source, path, node);
    }

    private static String text(JsonNode node, String field, String path, String source, List<Problem> problems,
                               boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new Problem(source, path + "." + field, "a " + field + " (text)"));
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new Problem(source, path + "." + field, "text, found " + v));
            return null;
        }
        return v.asText();
    }

    private static void unknown(JsonNode node, String path, Set<String> allowed, String source, List<Problem> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                String closest = Settings.closest(f, allowed);
                problems.add(new Problem(source, path + "." + f, "no field \"" + f + "\" here ("
                        + (closest != null ? "did you mean '" + closest + "'?" : "allowed: "
                        + String.join(", ", allowed.stream().sorted().toList())) + ")"));
            }
        }
    }
}
