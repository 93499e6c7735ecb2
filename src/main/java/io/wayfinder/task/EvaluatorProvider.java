package io.wayfinder.task;

import io.wayfinder.project.TaskSpec;
import java.util.ServiceLoader;

/**
 * Creates evaluators for one task kind. Providers are found with {@link ServiceLoader}
 * ({@code META-INF/services/io.wayfinder.task.EvaluatorProvider}), so the child-model package can add kinds without
 * this package knowing it.
 */
public interface EvaluatorProvider {

    /** The task kind this provider handles, e.g. {@code tabular}. */
    String kind();

    /**
     * Every key this kind reads from a task's {@code settings} (its documented settings): any other key is an error
     * naming the closest of these, never silently ignored.
     */
    java.util.Set<String> settingKeys();

    /**
     * Creates the evaluator for a task, loading and checking its data.
     *
     * @throws io.wayfinder.run.InputException when the data is missing or malformed (naming file and place)
     */
    TrialEvaluator create(TaskSpec task, TaskEnvironment environment);

    /** The provider for a kind, or a clear error listing the known kinds. */
    static EvaluatorProvider forKind(String kind) {
        StringBuilder known = new StringBuilder();
        for (EvaluatorProvider p : ServiceLoader.load(EvaluatorProvider.class)) {
            if (p.kind().equals(kind)) {
                return p;
            }
            known.append(known.isEmpty() ? "" : ", ").append(p.kind());
        }
        throw new IllegalArgumentException("no evaluator for task kind \"" + kind + "\" (known: " + known + ")");
    }
}
