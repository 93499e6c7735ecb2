package io.wayfinder.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.space.SearchSpaceCodec;
import java.nio.file.Path;
import java.util.List;

/**
 * A transfer protocol (the T-AML paper's): pre-train one multitask project, then search every target project with
 * each strategy and seed. Every stage is made of ordinary runs in one store, so a stage can be re-run to continue:
 * finished runs are kept, interrupted ones resumed.
 *
 * @param file                  the protocol file
 * @param name                  the protocol's name
 * @param description           free text
 * @param pretrain              the pre-training project file (a multitask strategy such as {@code maml})
 * @param pretrainTrialsPerTask the pre-training budget per task (0 = the project's own)
 * @param pretrainSeed          the pre-training run's seed (one pre-trained controller serves every target seed)
 * @param targets               the target project files (their strategy, budget and seed are replaced per run)
 * @param strategies            strategy ids run on every target; {@code taml} starts from the pre-trained run
 * @param seeds                 seeds of every target run
 * @param trialsPerTask         the target runs' budget per task
 */
public record Protocol(Path file, String name, String description, Path pretrain, int pretrainTrialsPerTask,
                       long pretrainSeed, List<Path> targets, List<String> strategies, List<Long> seeds,
                       int trialsPerTask) {
    /** The strategy that starts from the pre-trained controller. */
    public static final String TRANSFER = "taml";

    public Protocol {
        targets = List.copyOf(targets);
        strategies = List.copyOf(strategies);
        seeds = List.copyOf(seeds);
    }

    /** The pre-training project with the protocol's seed and budget. */
    public Project pretrainProject() {
        Project p = ProjectCodec.read(pretrain).withSeed(pretrainSeed);
        return pretrainTrialsPerTask > 0 ? p.withTrialsPerTask(pretrainTrialsPerTask) : p;
    }

    /**
     * One target run's project: the target file with this strategy, seed and the protocol's budget, written into
     * the project text so that the run (and a resume of it) records exactly what was run. {@code taml} gets
     * {@code "pretrained": {"project": <pre-training project's name>}}.
     */
    public Project targetProject(Path target, String strategy, long seed) {
        String text = io.wayfinder.run.InputFiles.readUtf8(target, io.wayfinder.run.InputFiles.MAX_JSON_BYTES);
        if (!(Json.readTree(text, target.toString()) instanceof ObjectNode root)) {
            throw new InputException(target.toString(), "$", "a JSON object describing a project");
        }
        ObjectNode s = root.putObject("strategy");
        s.put("name", strategy);
        ObjectNode settings = s.putObject("settings");
        if (strategy.equals(TRANSFER)) {
            settings.putObject("pretrained").put("project", ProjectCodec.read(pretrain).name());
        }
        root.putObject("budget").put("trialsPerTask", trialsPerTask);
        root.put("seed", seed);
        String variant;
        try {
            variant = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Path dir = target.toAbsolutePath().getParent();
        return ProjectCodec.fromTree(root, target + " (" + strategy + ", seed " + seed + ")", target, variant,
                ref -> SearchSpaceCodec.read(dir.resolve(ref)));
    }

    public Path directory() {
        return file.toAbsolutePath().getParent();
    }
}
