package io.wayfinder.service;

import io.wayfinder.project.Project;
import io.wayfinder.project.Protocol;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a protocol stage still has to do, read from the runs already in the store: every step is one run (the
 * pre-training run, or one target x strategy x seed), and it is done (a finished run with at least the budget), to be
 * resumed (an interrupted run, or a finished one with a smaller budget), or to be started. A pure function of the
 * protocol and the stored runs, so re-running a stage continues where it stopped.
 */
public final class ProtocolPlan {
    private ProtocolPlan() {
    }

    public enum Stage {
        PRETRAIN, TARGETS
    }

    public enum State {
        DONE, RESUME, START
    }

    /**
     * One run of the protocol.
     *
     * @param runId the stored run this step continues or found finished, -1 when it starts a new one
     */
    public record Step(Stage stage, String label, Project project, State state, long runId) {
    }

    /** The steps of these stages in the order they run: pre-training, then seed by seed every target x strategy. */
    public static List<Step> plan(Protocol protocol, List<RunRecord> runs, List<Stage> stages) {
        List<Step> steps = new ArrayList<>();
        if (stages.contains(Stage.PRETRAIN)) {
            Project p = protocol.pretrainProject();
            steps.add(step(Stage.PRETRAIN, "pre-train " + p.name() + " (" + p.strategy().name() + ", "
                    + p.tasks().size() + " tasks x " + p.trialsPerTask() + " trials, seed " + p.seed() + ")", p, runs));
        }
        if (stages.contains(Stage.TARGETS)) {
            for (long seed : protocol.seeds()) {
                for (Path target : protocol.targets()) {
                    for (String strategy : protocol.strategies()) {
                        Project p = protocol.targetProject(target, strategy, seed);
                        steps.add(step(Stage.TARGETS, p.name() + " " + strategy + " seed " + seed + " ("
                                + p.trialsPerTask() + " trials)", p, runs));
                    }
                }
            }
        }
        return steps;
    }

    /** The latest stored run of exactly this project variant (name, strategy, seed, tasks), if any. */
    public static Optional<RunRecord> runOf(Project p, List<RunRecord> runs) {
        List<String> tasks = p.tasks().stream().map(TaskSpec::name).toList();
        return runs.stream().filter(r -> r.name().equals(p.name()) && r.strategy().equals(p.strategy().name())
                        && r.seed() == p.seed() && r.taskNames().equals(tasks))
                .max(Comparator.comparingLong(RunRecord::id));
    }

    private static Step step(Stage stage, String label, Project p, List<RunRecord> runs) {
        Optional<RunRecord> run = runOf(p, runs);
        if (run.isEmpty()) {
            return new Step(stage, label, p, State.START, -1);
        }
        RunRecord r = run.get();
        boolean done = r.status() == RunStatus.FINISHED && r.requestedTrials() >= p.totalTrials();
        return new Step(stage, label, p, done ? State.DONE : State.RESUME, r.id());
    }
}
