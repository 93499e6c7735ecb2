package io.wayfinder.project;

import java.util.Objects;

/**
 * A task of a project: what to train on and how to score it.
 *
 * @param name     unique within the project, e.g. {@code cifar10} or {@code sms-spam}
 * @param kind     which evaluator handles it: {@code tabular}, {@code text}, {@code image}, {@code language-model}
 * @param data     where the data is, relative to the data directory (or absolute)
 * @param metric   what the reward measures, e.g. {@code accuracy}
 * @param settings kind-specific settings
 */
public record TaskSpec(String name, String kind, String data, String metric, Settings settings) {
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        metric = metric == null ? "accuracy" : metric;
        settings = settings == null ? Settings.empty() : settings;
    }
}
