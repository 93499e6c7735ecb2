package io.wayfinder.task;

import io.wayfinder.project.Settings;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw labels of a TSV file into a task's classes. Task settings:
 * <ul>
 *   <li>{@code "labelMapping": "relevance"}: {@code none} becomes {@code irrelevant}, every other label
 *       {@code relevant} (the T-AML paper's Economic News task on {@code us-economic-news});</li>
 *   <li>{@code "labelMapping": "positivity"}: rows labelled {@code none} are dropped, the positivity 1-9 kept (US
 *       Economy);</li>
 *   <li>{@code "labels": {"raw": "class", "*": "class"}}: an explicit map ({@code *} for every other label), and
 *       {@code "dropLabels": ["raw", ...]}: rows to leave out.</li>
 * </ul>
 */
public final class LabelMapping {
    private final String name;
    private final Map<String, String> map;
    private final String otherwise;
    private final Set<String> drop;

    private LabelMapping(String name, Map<String, String> map, String otherwise, Set<String> drop) {
        this.name = name;
        this.map = map;
        this.otherwise = otherwise;
        this.drop = drop;
    }

    /** The identity mapping. */
    public static LabelMapping identity() {
        return new LabelMapping("", Map.of(), null, Set.of());
    }

    public static LabelMapping from(Settings s) {
        String preset = s.string("labelMapping", null);
        Set<String> drop = new HashSet<>(s.strings("dropLabels"));
        if (preset != null) {
            switch (preset) {
                case "relevance":
                    return new LabelMapping("relevance", Map.of("none", "irrelevant"), "relevant", drop);
                case "positivity":
                    drop.add("none");
                    return new LabelMapping("positivity", Map.of(), null, drop);
                default:
                    throw s.error("labelMapping", "\"relevance\" or \"positivity\" (or an explicit \"labels\" map)");
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        String otherwise = null;
        if (s.has("labels")) {
            var node = s.node().get("labels");
            if (!node.isObject()) {
                throw s.error("labels", "an object from raw label to class name");
            }
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().isTextual()) {
                    throw s.error("labels", "class names as text");
                }
                if (e.getKey().equals("*")) {
                    otherwise = e.getValue().asText();
                } else {
                    map.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        String name = map.isEmpty() && otherwise == null ? (drop.isEmpty() ? "" : "mapped") : "mapped";
        return new LabelMapping(name, map, otherwise, drop);
    }

    /** The class of a raw label, or null when the row is dropped. */
    public String apply(String raw) {
        if (drop.contains(raw)) {
            return null;
        }
        String m = map.get(raw);
        if (m != null) {
            return m;
        }
        return otherwise != null ? otherwise : raw;
    }

    /** A short name for ids ({@code relevance}, {@code positivity}, {@code mapped}, or empty for identity). */
    public String name() {
        return name;
    }

    /** A canonical description for the content hash. */
    public String describe() {
        return name + map + "*=" + otherwise + " drop=" + new java.util.TreeSet<>(drop);
    }
}
