package io.wayfinder.project;

/**
 * The project's optional {@code finalTraining} block: after the search, its best configurations are trained again on a
 * larger budget, as Zoph &amp; Le trained their best found network again before reporting it. The search ranks
 * architectures cheaply (few images, one epoch); the final training says what the best of them reaches.
 *
 * <pre>{@code "finalTraining": { "top": 1, "settings": { "trainSize": 58000, "ndThreads": 2 } } }</pre>
 *
 * @param top      how many of the best distinct configurations (by the search's reward) per task; 1 to 100
 * @param settings task settings that replace the search's for the final training (checked like the task's own
 *                 before the search starts)
 */
public record FinalTraining(int top, Settings settings) {
    /** The documented keys of the block. */
    public static final java.util.List<String> KEYS = java.util.List.of("top", "settings");

    public FinalTraining {
        if (top < 1 || top > 100) {
            throw new IllegalArgumentException("top must be from 1 to 100, got " + top);
        }
        settings = settings == null ? Settings.empty() : settings;
    }

    /** Parses and range-checks a {@code finalTraining} block. */
    public static FinalTraining of(Settings s) {
        s.requireOnly(KEYS);
        if (s.has("settings") && !s.node().get("settings").isObject() && !s.node().get("settings").isNull()) {
            throw s.error("settings", "an object of task settings");
        }
        Settings overrides = s.child("settings").orElse(null);
        return new FinalTraining(s.integer("top", 1, 1, 100), overrides);
    }
}
