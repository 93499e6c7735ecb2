package io.wayfinder.space;

import java.util.Objects;

/**
 * One choice of a decision: a JSON scalar value (a {@link String}, {@link Boolean}, {@link Long} or {@link Double})
 * and an optional human label such as "disable deep tower".
 */
public record Choice(Object value, String label) {

    public Choice {
        Objects.requireNonNull(value, "value");
        if (!(value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double)) {
            throw new IllegalArgumentException("a choice value must be a string, boolean, integer or number, got "
                    + value.getClass().getSimpleName());
        }
        if (label != null && label.isBlank()) {
            label = null;
        }
    }

    public static Choice of(Object value) {
        if (value instanceof Integer i) {
            value = i.longValue();
        } else if (value instanceof Float f) {
            value = f.doubleValue();
        }
        return new Choice(value, null);
    }

    public static Choice labelled(Object value, String label) {
        return new Choice(of(value).value(), label);
    }

    /** The label when there is one, otherwise the value as text. */
    public String display() {
        return label != null ? label : valueText();
    }

    public String valueText() {
        return String.valueOf(value);
    }

    /** The value as a number; fails for strings and booleans. */
    public double asDouble() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException("choice " + display() + " is not a number");
    }
}
