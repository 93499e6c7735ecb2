package io.wayfinder.ui.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;

/** The JSON type of a choice's value, and how text typed in the editor becomes one. */
public enum ValueType {
    TEXT, INTEGER, NUMBER, BOOLEAN;

    public static ValueType of(JsonNode value) {
        if (value == null) {
            return TEXT;
        }
        if (value.isBoolean()) {
            return BOOLEAN;
        }
        if (value.isIntegralNumber()) {
            return INTEGER;
        }
        if (value.isNumber()) {
            return NUMBER;
        }
        return TEXT;
    }

    /** The value as JSON; throws {@link IllegalArgumentException} with a readable message when the text does not fit. */
    public JsonNode parse(String text) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String t = text == null ? "" : text.trim();
        switch (this) {
            case INTEGER:
                try {
                    return f.numberNode(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + t + "\" is not an integer");
                }
            case NUMBER:
                try {
                    double d = Double.parseDouble(t);
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw new NumberFormatException();
                    }
                    return f.numberNode(d);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + t + "\" is not a number");
                }
            case BOOLEAN:
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return f.booleanNode(Boolean.parseBoolean(t.toLowerCase(Locale.ROOT)));
                }
                throw new IllegalArgumentException("\"" + t + "\" is not true or false");
            default:
                return f.textNode(text == null ? "" : text);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
