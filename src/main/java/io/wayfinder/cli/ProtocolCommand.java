package io.wayfinder.cli;

import io.wayfinder.project.ExecutionSettings;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.Protocol;
import io.wayfinder.project.ProtocolCodec;
import io.wayfinder.run.BaselineRecord;
import io.wayfinder.run.InputException;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.ProtocolPlan;
import io.wayfinder.service.ProtocolPlan.Stage;
import io.wayfinder.service.ProtocolPlan.Step;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.baseline.TfIdfVectorizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wayfinder protocol FILE --stage S}: the T-AML paper's protocol as stages of ordinary runs in one store
 * (linear baselines, multitask pre-training, every target x strategy x seed, the comparison report). Each stage is
 * one command and can be re-run: finished runs are kept, interrupted ones resumed, missing ones started.
 */
@Command(name = "protocol", mixinStandardHelpOptions = true,
        description = {"Run a transfer protocol file stage by stage: baselines (TF-IDF + logistic regression on every "
                + "text target), pretrain (the multitask pre-training run), targets (every target x strategy x seed; "
                + "taml starts from the pre-trained run), report (the comparison of every target run), or all.",
                "Re-running a stage continues it: finished runs are kept, interrupted ones resumed. --plan prints "
                        + "what is done and what is left without running anything."})
public final class ProtocolCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The protocol file (JSON).")
    Path file;

    @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "all",
            description = "baselines, pretrain, targets, report or all (default all, in that order).")
    String stage;

    @Option(names = "--plan", description = "Print the steps and their state (done / resume / start) and stop.")
    boolean planOnly;

    @Option(names = "--workers", paramLabel = "N", description = "Trials trained at once in every run "
            + "(default: each project's).")
    Integer workers;

    @Option(names = "--report", paramLabel = "DIR", description = "Where the report stage writes (default: "
            + "reports/<protocol name> in the current folder).")
    Path report;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "N of accuracy-topN (default 10).")
    int top;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws Exception {
        List<String> known = List.of("all", "baselines", "pretrain", "targets", "report");
        if (!known.contains(stage)) {
            throw new InputException("--stage", stage, "one of " + known);
        }
        Protocol protocol = ProtocolCodec.read(file);
        List<Stage> runStages = switch (stage) {
            case "pretrain" -> List.of(Stage.PRETRAIN);
            case "targets" -> List.of(Stage.TARGETS);
            case "all" -> List.of(Stage.PRETRAIN, Stage.TARGETS);
            default -> List.of();
        };
        String location = options.storeLocation(protocol.directory(), null);
        try (RunStore store = RunStores.open(location)) {
            System.out.println("protocol " + protocol.name() + ": store " + store.location() + ", data "
                    + options.dataDirectory());
            List<Step> steps = ProtocolPlan.plan(protocol, store.runs(), runStages);
            printPlan(steps);
            if (planOnly) {
                return 0;
            }
            if (stage.equals("all") || stage.equals("baselines")) {
                baselines(protocol, store);
            }
            int done = 0;
            for (Step s : steps) {
                done++;
                if (s.state() == ProtocolPlan.State.DONE) {
                    continue;
                }
                System.out.printf("[%d/%d] %s: %s%n", done, steps.size(), s.label(),
                        s.state() == ProtocolPlan.State.START ? "starting" : "resuming run " + s.runId());
                System.out.flush();
                int code = execute(store, s);
                if (code != 0) {
                    System.out.println("protocol " + protocol.name() + " stopped at " + s.label()
                            + "; run the same command again to continue");
                    return code;
                }
            }
            if (stage.equals("all") || stage.equals("report")) {
                return report(protocol, store);
            }
        }
        return 0;
    }

    private static void printPlan(List<Step> steps) {
        int done = 0;
        for (Step s : steps) {
            String state = switch (s.state()) {
                case DONE -> "done (run " + s.runId() + ")";
                case RESUME -> "to resume (run " + s.runId() + ")";
                case START -> "to start";
            };
            if (s.state() == ProtocolPlan.State.DONE) {
                done++;
            }
            System.out.println("  " + s.label() + ": " + state);
        }
        if (!steps.isEmpty()) {
            System.out.println(done + " of " + steps.size() + " runs done");
        }
    }

    private int execute(RunStore store, Step s) throws InterruptedException {
        Project p = s.project();
        if (workers != null) {
            ExecutionSettings e = p.execution();
            p = p.withExecution(new ExecutionSettings(workers, e.failureReward(), e.checkpointEvery()));
        }
        Searches searches = new Searches(store, options.dataDirectory(), options.cacheDirectory())
                .onStatus(RunCommand::say);
        try (PreparedSearch search = s.state() == ProtocolPlan.State.START ? searches.start(p)
                : searches.resume(s.runId(), p.trialsPerTask())) {
            return RunCommand.follow(store, search, top);
        }
    }

    /** Fits the linear reference on every text task of the targets that has none stored for its data yet. */
    private void baselines(Protocol protocol, RunStore store) {
        for (Path target : protocol.targets()) {
            Project p = ProjectCodec.read(target);
            TaskEnvironment env = new TaskEnvironment(options.dataDirectory(), p.directory(), options.cacheDirectory());
            List<BaselineRecord> stored = store.baselines(p.name());
            List<BaselineRecord> fitted = BaselineCommand.fit(p, env, TfIdfVectorizer.Features.TFIDF_1_2,
                    t -> stored.stream().noneMatch(b -> b.task().equals(t.name())
                            && b.method().equals(io.wayfinder.task.baseline.LinearBaseline.METHOD)));
            fitted.forEach(store::saveBaseline);
            for (BaselineRecord b : store.baselines(p.name())) {
                System.out.printf("baseline %s / %s: %s (%s) validation %.4f, test %.4f%n", p.name(), b.task(),
                        b.method(), b.setting(), b.validation(), b.test());
            }
        }
    }

    /** The comparison of every target run (finished or not) in the report format of {@code compare --report}. */
    private int report(Protocol protocol, RunStore store) throws Exception {
        List<Step> steps = ProtocolPlan.plan(protocol, store.runs(), List.of(Stage.TARGETS));
        List<Long> ids = new ArrayList<>();
        for (Step s : steps) {
            if (s.runId() >= 0 && !store.trials(s.runId()).isEmpty()) {
                ids.add(s.runId());
            }
        }
        if (ids.isEmpty()) {
            System.out.println("report: no target run has trials yet (run --stage targets first)");
            return 1;
        }
        CompareCommand compare = new CompareCommand();
        compare.runIds = ids;
        compare.top = top;
        compare.format = "text";
        compare.report = report != null ? report : Path.of("reports", protocol.name());
        compare.options = options;
        return compare.call();
    }
}
