package io.wayfinder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.project.FinalTraining;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import io.wayfinder.space.Configuration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pure planning of a project's final training: which trials of the search are the best, and the project that trains
 * their configurations again (strategy {@code fixed}, one task, the task's settings replaced by the block's). Run like
 * any other project, so it is stored, resumed and compared like one.
 */
public final class FinalTrainingPlan {
    private FinalTrainingPlan() {
    }

    /**
     * The best {@code top} complete trials of a task by reward, one per distinct configuration (ties: the earlier
     * trial first).
     */
    public static List<TrialRecord> best(List<TrialRecord> trials, int task, int top) {
        List<TrialRecord> complete = new ArrayList<>(trials.stream()
                .filter(t -> t.task() == task && t.status() == TrialStatus.COMPLETE && Double.isFinite(t.reward()))
                .toList());
        complete.sort(Comparator.comparingDouble(TrialRecord::reward).reversed()
                .thenComparingInt(TrialRecord::seq));
        Set<String> seen = new LinkedHashSet<>();
        List<TrialRecord> out = new ArrayList<>();
        for (TrialRecord t : complete) {
            if (out.size() < top && seen.add(t.values())) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The final-training project for one task of a finished search: the given trials' configurations, trained once
     * each with the task's settings replaced by the final-training block's.
     */
    public static Project project(Project search, long searchRunId, int task, List<TrialRecord> best) {
        FinalTraining ft = search.finalTraining();
        if (ft == null) {
            throw new IllegalArgumentException("project " + search.name() + " has no finalTraining block");
        }
        if (best.isEmpty()) {
            throw new IllegalArgumentException("no complete trial on task " + search.tasks().get(task).name());
        }
        List<JsonNode> configurations = new ArrayList<>();
        StringBuilder which = new StringBuilder();
        for (TrialRecord t : best) {
            configurations.add(Json.readTree(t.values(), "trial " + t.seq() + " of run " + searchRunId));
            which.append(which.length() == 0 ? "" : ", ").append("#").append(t.seq()).append(String.format(Locale.ROOT,
                    " (reward %.4f)", t.reward()));
        }
        String description = "Final training of run " + searchRunId + "'s best " + (best.size() == 1
                ? "configuration" : best.size() + " configurations") + " on task " + search.tasks().get(task).name()
                + ": trial " + which + ", trained again with " + ft.settings() + ". The search: " + search.description();
        return build(search, task, configurations, description, "the final training of run " + searchRunId);
    }

    /**
     * A stand-in final project with one arbitrary configuration: checking it before the search starts finds a bad
     * setting in the block at once, not after the search.
     */
    public static Project probe(Project search, int task) {
        Configuration any = new Configuration(new int[search.space().flat().size()]);
        Map<String, Object> values = search.space().values(any);
        return build(search, task, List.of(Json.MAPPER.valueToTree(values)), "check of the final training",
                "the final training");
    }

    private static Project build(Project search, int task, List<JsonNode> configurations, String description,
                                 String what) {
        ObjectNode root = (ObjectNode) Json.readTree(search.json(), "project " + search.name());
        root.remove("finalTraining");
        boolean several = search.tasks().size() > 1;
        TaskSpec spec = search.tasks().get(task);
        root.put("name", search.name() + "-final" + (several ? "-" + spec.name() : ""));
        root.put("description", description);
        ObjectNode taskNode = null;
        for (JsonNode t : root.withArray("tasks")) {
            if (spec.name().equals(t.path("name").asText())) {
                taskNode = (ObjectNode) t.deepCopy();
            }
        }
        if (taskNode == null) {
            throw new IllegalArgumentException("task " + spec.name() + " is not in the project's text");
        }
        ObjectNode settings = taskNode.has("settings") && taskNode.get("settings").isObject()
                ? (ObjectNode) taskNode.get("settings") : taskNode.putObject("settings");
        for (Iterator<Map.Entry<String, JsonNode>> it = search.finalTraining().settings().node().fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.set(e.getKey(), e.getValue().deepCopy());
        }
        ArrayNode tasks = root.putArray("tasks");
        tasks.add(taskNode);
        ObjectNode strategy = root.putObject("strategy");
        strategy.put("name", "fixed");
        strategy.putObject("settings").putArray("configurations").addAll(configurations);
        root.putObject("budget").put("trialsPerTask", configurations.size());
        root.put("seed", search.seed());
        ObjectNode execution = root.has("execution") && root.get("execution").isObject()
                ? (ObjectNode) root.get("execution") : root.putObject("execution");
        execution.put("workers", Math.max(1, Math.min(search.execution().effectiveWorkers(), configurations.size())));
        String text = Json.pretty(root);
        String source = (search.file() == null ? "project " + search.name() : search.file().toString()) + ", " + what
                + " ($.finalTraining.settings over the task's settings)";
        return ProjectCodec.fromTree(root, source, search.file(), text, ref -> search.space());
    }
}
