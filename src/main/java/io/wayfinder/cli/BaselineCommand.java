package io.wayfinder.cli;

import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.BaselineRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextTaskLoader;
import io.wayfinder.task.baseline.LinearBaseline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code wayfinder baseline PROJECT}: trains the linear reference (TF-IDF + logistic regression, C chosen on
 * validation) on every text task of a project and stores its validation and test accuracy beside the project's runs.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Train the TF-IDF + logistic-regression reference on every text task of a project "
                + "(C chosen on the validation split) and store its accuracies beside the project's runs.")
public final class BaselineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT", description = "A project file.")
    Path file;

    @picocli.CommandLine.Option(names = "--features", description = "tfidf-1-2gram (default: the reference) or "
            + "unigram-indicators (what the wide tower sees).", defaultValue = "tfidf-1-2gram")
    String features;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() {
        io.wayfinder.task.baseline.TfIdfVectorizer.Features f = java.util.Arrays.stream(
                io.wayfinder.task.baseline.TfIdfVectorizer.Features.values()).filter(x -> x.id().equals(features))
                .findFirst().orElseThrow(() -> new io.wayfinder.run.InputException("--features", features,
                        "tfidf-1-2gram or unigram-indicators"));
        Project project = ProjectCodec.read(file);
        TaskEnvironment env = new TaskEnvironment(options.dataDirectory(), project.directory(),
                options.cacheDirectory());
        if (project.tasks().stream().noneMatch(t -> t.kind().equals("text"))) {
            System.out.println("project " + project.name() + " has no text task: the linear baseline is for text tasks");
            return 0;
        }
        List<BaselineRecord> results = fit(project, env, f, t -> true);
        try (RunStore store = RunStores.open(options.storeLocation(project.directory(), project.store()))) {
            results.forEach(store::saveBaseline);
            System.out.println();
            System.out.println("| task | method | setting | validation | test |");
            System.out.println("|---|---|---|---|---|");
            for (BaselineRecord b : results) {
                System.out.printf("| %s | %s | %s | %.2f | %.2f |%n", b.task(), b.method(), b.setting(),
                        100 * b.validation(), 100 * b.test());
            }
            System.out.println("stored in " + store.location());
        }
        return 0;
    }

    /**
     * Fits the linear reference on the project's text tasks that {@code wanted} accepts, printing each step, and
     * returns the records to store (the protocol's baseline stage calls this too).
     */
    static List<BaselineRecord> fit(Project project, TaskEnvironment env,
                                    io.wayfinder.task.baseline.TfIdfVectorizer.Features f,
                                    java.util.function.Predicate<TaskSpec> wanted) {
        List<BaselineRecord> results = new ArrayList<>();
        for (TaskSpec t : project.tasks()) {
            if (!t.kind().equals("text") || !wanted.test(t)) {
                continue;
            }
            System.out.println("task " + t.name() + ": loading " + t.data());
            TextDataset data = TextTaskLoader.load(env.resolve(t.data()), t.settings());
            System.out.printf("task %s: %d / %d / %d examples, %d classes; fitting %s and logistic "
                            + "regression for %d values of C%n", t.name(), data.train().size(), data.validation().size(),
                    data.test().size(), data.classCount(), f.id(), LinearBaseline.C_GRID.size());
            LinearBaseline.Result r = LinearBaseline.train(data, f, System.out::println);
            System.out.printf("task %s: C=%s chosen on validation: validation %.4f, test %.4f (%,d features, %.1f s)%n",
                    t.name(), r.chosenC(), r.validationAccuracy(), r.testAccuracy(), r.features(), r.millis() / 1000.0);
            results.add(new BaselineRecord(project.name(), t.name(), r.method(), "C=" + r.chosenC(),
                    r.validationAccuracy(), r.testAccuracy(), data.id(), data.hash(), System.currentTimeMillis()));
        }
        return results;
    }
}
