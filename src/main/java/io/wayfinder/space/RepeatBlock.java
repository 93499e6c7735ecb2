package io.wayfinder.space;

import java.util.List;
import java.util.Objects;

/** A block of decisions repeated once per layer, such as Zoph &amp; Le's conv layers. */
public record RepeatBlock(String name, String description, int count, List<Decision> decisions) implements Decision {
    public RepeatBlock {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        decisions = List.copyOf(decisions);
        if (count < 1) {
            throw new IllegalArgumentException("repeat block " + name + " needs a count of at least 1");
        }
        for (Decision d : decisions) {
            if (d instanceof RepeatBlock) {
                throw new IllegalArgumentException("repeat block " + name + " may not contain another repeat block");
            }
        }
    }

    public boolean hasSkips() {
        return decisions.stream().anyMatch(d -> d instanceof SkipDecision);
    }
}
