package io.wayfinder.project;

import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Free-form settings of a task, strategy or execution block, read with typed getters whose errors name the file, the
 * JSON path and the expected type.
 */
public final class Settings {
    private final String source;
    private final String path;
    private final ObjectNode node;

    public Settings(String source, String path, ObjectNode node) {
        this.source = source;
        this.path = path;
        this.node = node == null ? JsonNodeFactory.instance.objectNode() : node;
    }

    public static Settings empty() {
        return new Settings("(none)", "$", null);
    }

    public static Settings of(String source, String path, JsonNode node) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new InputException(source, path, "an object of settings");
        }
        return new Settings(source, path, node == null || node.isNull() ? null : (ObjectNode) node);
    }

    public ObjectNode node() {
        return node.deepCopy();
    }

    public String source() {
        return source;
    }

    public String path() {
        return path;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public String string(String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw error(key, "text");
        }
        return v.asText();
    }

    public String requireString(String key) {
        String s = string(key, null);
        if (s == null) {
            throw error(key, "a text value (required)");
        }
        return s;
    }

    public int integer(String key, int fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(key, "a whole number");
        }
        return v.asInt();
    }

    public long longValue(String key, long fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(key, "a whole number");
        }
        return v.asLong();
    }

    public double number(String key, double fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw error(key, "a number");
        }
        return v.asDouble();
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(key, "true or false");
        }
        return v.asBoolean();
    }

    public List<String> strings(String key) {
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw error(key, "a list of text values");
        }
        for (JsonNode x : v) {
            if (!x.isTextual()) {
                throw error(key, "a list of text values");
            }
            out.add(x.asText());
        }
        return out;
    }

    public Optional<Settings> child(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(of(source, path + "." + key, v));
    }

    /** A whole number in [min, max] (the documented range), or the fallback when absent. */
    public int integer(String key, int fallback, int min, int max) {
        int v = integer(key, fallback);
        if (has(key) && (v < min || v > max)) {
            throw error(key, "a whole number from " + min + " to " + max);
        }
        return v;
    }

    /** A finite number in [min, max] (the documented range), or the fallback when absent. */
    public double number(String key, double fallback, double min, double max) {
        double v = number(key, fallback);
        if (has(key) && (!Double.isFinite(v) || v < min || v > max)) {
            throw error(key, "a number from " + min + " to " + max);
        }
        return v;
    }

    /** One of the allowed text values, or the fallback when absent. */
    public String oneOf(String key, String fallback, List<String> allowed) {
        String v = string(key, fallback);
        if (has(key) && !allowed.contains(v)) {
            throw error(key, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /**
     * Rejects every key not in {@code known}: a misspelt key is an error naming it and the closest known key, never
     * silently ignored. Call it once a settings record has read all it knows.
     */
    public void requireOnly(java.util.Collection<String> known) {
        List<InputException.Problem> problems = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                String closest = closest(k, known);
                problems.add(new InputException.Problem(source, path + "." + k, "a known setting ("
                        + (closest == null ? "known: " + String.join(", ", new java.util.TreeSet<>(known))
                                : "did you mean '" + closest + "'?") + ")"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }

    /** The known key nearest to {@code key} by edit distance (case-insensitive), or null when none is near. */
    static String closest(String key, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public InputException error(String key, String expected) {
        return new InputException(source, path + "." + key, expected + ", found " + node.get(key));
    }

    @Override
    public String toString() {
        return Json.compact(node);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }
}
