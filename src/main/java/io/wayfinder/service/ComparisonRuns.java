package io.wayfinder.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.metrics.Comparison;
import io.wayfinder.run.Json;
import io.wayfinder.run.RunRecord;
import io.wayfinder.store.RunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Loads runs for a {@link Comparison} and labels each one by strategy and, for transfer runs, by the pre-trained
 * source ("T-AML ← cifar10"), so that two transfer runs from different sources are told apart and the seeds of one
 * strategy fall into one group. What the command line and the workbench both use.
 */
public final class ComparisonRuns {
    private ComparisonRuns() {
    }

    /** The runs with their trials and group labels, in the given order. */
    public static List<Comparison.RunData> load(RunStore store, List<Long> ids) {
        List<Comparison.RunData> out = new ArrayList<>();
        for (long id : ids) {
            RunRecord r = store.run(id).orElseThrow(() -> new NoSuchElementException("no run " + id + " in "
                    + store.location() + " (runs there: " + store.runs().stream().map(x -> "#" + x.id()).toList()
                    + ")"));
            out.add(new Comparison.RunData(r, store.trials(id), label(store, r)));
        }
        return out;
    }

    /**
     * The stored references of the compared runs' text tasks: per task and method the newest baseline trained on a
     * data set the runs used (same data set hash; any project), and for a text task with none, the project file whose
     * {@code wayfinder baseline} makes one. Tasks of other kinds (tabular, image) have no linear reference.
     */
    public static Comparison.References references(RunStore store, List<Comparison.RunData> runs) {
        java.util.Map<String, java.util.Set<String>> hashes = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> projectOf = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> files = new java.util.HashMap<>();
        for (io.wayfinder.run.ProjectRecord p : store.projects()) {
            if (p.file() != null && !p.file().isBlank()) {
                files.putIfAbsent(p.name(), p.file());
            }
        }
        for (Comparison.RunData r : runs) {
            for (io.wayfinder.run.TaskRecord t : store.tasks(r.run().id())) {
                if (!"text".equals(t.kind())) {
                    continue;
                }
                java.util.Set<String> h = hashes.computeIfAbsent(t.name(), k -> new java.util.LinkedHashSet<>());
                if (t.datasetHash() != null) {
                    h.add(t.datasetHash());
                }
                projectOf.putIfAbsent(t.name(), files.getOrDefault(r.run().name(), r.run().name()));
            }
        }
        List<io.wayfinder.run.BaselineRecord> found = new ArrayList<>();
        java.util.Map<String, String> missing = new java.util.LinkedHashMap<>();
        for (var e : hashes.entrySet()) {
            java.util.Set<String> methods = new java.util.HashSet<>();
            for (io.wayfinder.run.BaselineRecord b : store.baselinesOfTask(e.getKey())) { // newest first
                boolean sameData = e.getValue().isEmpty() || e.getValue().contains(b.datasetHash());
                if (sameData && methods.add(b.method())) {
                    found.add(b);
                }
            }
            if (methods.isEmpty()) {
                missing.put(e.getKey(), projectOf.get(e.getKey()));
            }
        }
        List<String> order = new ArrayList<>(hashes.keySet());
        found.sort(Comparator.comparingInt((io.wayfinder.run.BaselineRecord b) -> order.indexOf(b.task()))
                .thenComparing(io.wayfinder.run.BaselineRecord::method));
        return new Comparison.References(found, missing);
    }

    /** The group label of a run: the paper's strategy name, plus "← SOURCE" for transfer runs. */
    public static String label(RunStore store, RunRecord r) {
        String base = Comparison.label(r.strategy());
        return source(store, r).map(s -> base + " ← " + s).orElse(base);
    }

    /**
     * The pre-trained source a run names in its strategy settings: the source run's tasks (its project's name and task
     * count when it has more than two), or the file's name.
     */
    static Optional<String> source(RunStore store, RunRecord r) {
        JsonNode p;
        try {
            p = Json.MAPPER.readTree(r.projectJson() == null || r.projectJson().isBlank() ? "{}" : r.projectJson())
                    .path("strategy").path("settings").path("pretrained");
        } catch (Exception e) {
            return Optional.empty();
        }
        if (p.isMissingNode() || p.isNull()) {
            return Optional.empty();
        }
        if (p.has("file")) {
            return Optional.of(java.nio.file.Path.of(p.get("file").asText()).getFileName().toString());
        }
        Optional<RunRecord> src = Optional.empty();
        if (p.has("run")) {
            src = store.run(p.get("run").asLong());
        } else if (p.has("project")) {
            String name = p.get("project").asText();
            // the latest finished run of that project created before this run (what the transfer loaded)
            src = store.runs().stream().filter(x -> x.name().equals(name) && x.id() < r.id())
                    .max(Comparator.comparingLong(RunRecord::id));
            if (src.isEmpty()) {
                return Optional.of(name);
            }
        }
        // a source of many tasks is named by its project, so that the label stays a column heading
        return src.map(s -> s.taskNames().size() <= 2 ? String.join("+", s.taskNames())
                : s.name() + " (" + s.taskNames().size() + " tasks)");
    }
}
