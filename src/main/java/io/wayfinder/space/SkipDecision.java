package io.wayfinder.space;

import java.util.Objects;

/**
 * Skip connections inside a {@link RepeatBlock}: in layer i it stands for one yes/no decision per earlier layer j
 * (does the output of layer j feed layer i), Zoph &amp; Le's anchor points.
 */
public record SkipDecision(String name, String description) implements Decision {
    public SkipDecision {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
