package io.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.run.Json;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.service.Searches;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
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
            // the same check run, resume and the workbench make before a run starts; an existing store is read (for
            // a transfer run's pre-trained state), a missing one is not created
            Path storePath = options.storePath(project.directory(), project.store());
            try (RunStore store = java.nio.file.Files.exists(storePath) ? RunStores.open(storePath)
                    : new InMemoryRunStore();
                 Searches.Checked checked = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                         .check(project)) {
                new Searches(store, options.dataDirectory(), options.cacheDirectory()).checkFinalTraining(project);
                System.out.println("project " + project.name() + ": strategy " + project.strategy().name() + ", "
                        + project.trialsPerTask() + " trials per task, seed " + project.seed());
                for (int i = 0; i < project.tasks().size(); i++) {
                    TaskSpec t = project.tasks().get(i);
                    System.out.println("  task " + t.name() + " (" + t.kind() + "): "
                            + checked.evaluators().get(i).datasetId() + ", data ok");
                }
                if (project.finalTraining() != null) {
                    System.out.println("  final training: the best " + project.finalTraining().top() + " per task, "
                            + "trained again with " + project.finalTraining().settings() + ": settings ok");
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
