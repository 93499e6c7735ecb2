package io.wayfinder.project;

import java.util.Objects;

/** Which strategy a run uses ({@code random}, {@code aml}, {@code maml}, {@code taml}, ...) and its settings. */
public record StrategySpec(String name, Settings settings) {
    public StrategySpec {
        Objects.requireNonNull(name, "name");
        settings = settings == null ? Settings.empty() : settings;
    }
}
