package io.wayfinder.space;

import java.util.List;
import java.util.Objects;

/** A decision with a finite, ordered list of choices. */
public record CategoricalDecision(String name, String description, List<Choice> choices) implements Decision {
    public CategoricalDecision {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        choices = List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("decision " + name + " has no choices");
        }
    }
}
