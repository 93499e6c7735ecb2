package io.wayfinder.cli;

import io.wayfinder.space.CategoricalDecision;
import io.wayfinder.space.Choice;
import io.wayfinder.space.Decision;
import io.wayfinder.space.RepeatBlock;
import java.util.stream.Collectors;

/** One-line descriptions of decisions for the terminal. */
final class Describe {
    private Describe() {
    }

    static String decision(Decision d) {
        if (d instanceof CategoricalDecision c) {
            return c.name() + ": " + c.choices().stream().map(Choice::display).collect(Collectors.joining(", ", "{", "}"));
        }
        if (d instanceof RepeatBlock r) {
            return r.name() + " x" + r.count() + ": " + r.decisions().stream().map(Describe::decision)
                    .collect(Collectors.joining("; ", "[", "]"));
        }
        return d.name() + ": skip connections from every earlier layer (yes/no each)";
    }
}
