package io.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.run.Json;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.task.EvaluatorProvider;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TrialEvaluator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wayfinder validate FILE}: checks a search-space or project file and prints its decisions and the exact number
 * of configurations; for a project, also checks that every task's data is there.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a search-space or project file; print the decisions and the number of configurations.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A search-space or project file.")
    Path file;

    @Option(names = "--slots", description = "List every expanded slot (layer by layer).")
    boolean slots;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() {
        JsonNode root = Json.readTree(file);
        if (root.has("tasks") || root.has("searchSpace")) {
            Project project = ProjectCodec.read(file);
            System.out.println("project " + project.name() + ": strategy " + project.strategy().name() + ", "
                    + project.trialsPerTask() + " trials per task, seed " + project.seed());
            TaskEnvironment env = new TaskEnvironment(options.dataDirectory(), project.directory(), options.cacheDirectory());
            for (TaskSpec t : project.tasks()) {
                try (TrialEvaluator e = EvaluatorProvider.forKind(t.kind()).create(t, env)) {
                    System.out.println("  task " + t.name() + " (" + t.kind() + "): " + e.datasetId() + ", data ok");
                }
            }
            print(project.space(), System.out, slots);
        } else {
            print(SearchSpaceCodec.fromTree(root, file.toString()), System.out, slots);
        }
        return 0;
    }

    static void print(SearchSpace space, PrintStream out, boolean slots) {
        out.println("search space " + space.name() + ": " + space.decisions().size() + " decisions, "
                + space.flat().size() + " slots");
        for (var d : space.decisions()) {
            out.println("  " + Describe.decision(d));
        }
        if (slots) {
            for (FlatDecision f : space.flat()) {
                out.println("    " + f.path() + " (" + f.size() + ")");
            }
        }
        for (var c : space.constraints()) {
            out.println("  constraint: " + c);
        }
        out.println("configurations: " + space.configurationCount() + (space.constraints().isEmpty() ? ""
                : " (of " + space.unconstrainedCount() + " combinations; the constraints forbid the rest)"));
    }
}
