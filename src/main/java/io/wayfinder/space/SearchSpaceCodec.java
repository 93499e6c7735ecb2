package io.wayfinder.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.InputException;
import io.wayfinder.run.InputException.Problem;
import io.wayfinder.run.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes search-space files. Reading validates the whole file and reports every problem at once, each with
 * the file, its JSON path and what was expected. Writing is canonical and pretty-printed, so that reading and writing a
 * written file gives the same bytes.
 *
 * <pre>{@code
 * { "schemaVersion": 1, "name": "...", "description": "...",
 *   "decisions": [
 *     { "name": "activation", "description": "...", "choices": ["relu", "swish"] },
 *     { "name": "deepRegularisation", "choices": [0, 1e-5, { "value": "off", "label": "disable deep tower" }] },
 *     { "type": "repeat", "name": "layer", "count": 6, "decisions": [
 *         { "name": "filters", "choices": [24, 36, 48, 64] },
 *         { "type": "skip", "name": "skip", "description": "inputs from earlier layers" } ] } ] }
 * }</pre>
 */
public final class SearchSpaceCodec {
    private static final Set<String> TOP_FIELDS = Set.of("schemaVersion", "name", "description", "decisions",
            "constraints");
    private static final Set<String> CONSTRAINT_FIELDS = Set.of("forbid", "reason");
    private static final Set<String> CATEGORICAL_FIELDS = Set.of("type", "name", "description", "choices");
    private static final Set<String> REPEAT_FIELDS = Set.of("type", "name", "description", "count", "decisions");
    private static final Set<String> SKIP_FIELDS = Set.of("type", "name", "description");
    private static final Set<String> CHOICE_FIELDS = Set.of("value", "label");

    private SearchSpaceCodec() {
    }

    public static SearchSpace read(Path file) {
        return fromTree(Json.readTree(file), file.toString());
    }

    public static SearchSpace parse(String json, String source) {
        return fromTree(Json.readTree(json, source), source);
    }

    /** Validates a JSON tree and builds the space; throws one {@link InputException} listing every problem. */
    public static SearchSpace fromTree(JsonNode root, String source) {
        Reader r = new Reader(source);
        SearchSpace space = r.space(root);
        if (!r.problems.isEmpty()) {
            throw new InputException(r.problems);
        }
        return space;
    }

    /** Problems in a tree without throwing (the editor's inline validation). */
    public static List<Problem> problems(JsonNode root, String source) {
        Reader r = new Reader(source);
        r.space(root);
        return List.copyOf(r.problems);
    }

    public static String write(SearchSpace space) {
        return Json.pretty(toTree(space));
    }

    public static ObjectNode toTree(SearchSpace space) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", SearchSpace.SCHEMA_VERSION);
        root.put("name", space.name());
        root.put("description", space.description());
        ArrayNode list = root.putArray("decisions");
        for (Decision d : space.decisions()) {
            list.add(decisionTree(d));
        }
        if (!space.constraints().isEmpty()) {
            ArrayNode cs = root.putArray("constraints");
            for (Constraint c : space.constraints()) {
                ObjectNode co = cs.addObject();
                ObjectNode forbid = co.putObject("forbid");
                c.forbid().forEach((k, v) -> forbid.set(k, scalar(v)));
                if (!c.reason().isEmpty()) {
                    co.put("reason", c.reason());
                }
            }
        }
        return root;
    }

    private static ObjectNode decisionTree(Decision d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (d instanceof CategoricalDecision c) {
                o.put("name", c.name());
                o.put("description", c.description());
                ArrayNode choices = o.putArray("choices");
                for (Choice ch : c.choices()) {
                    if (ch.label() == null) {
                        choices.add(scalar(ch.value()));
                    } else {
                        ObjectNode co = choices.addObject();
                        co.set("value", scalar(ch.value()));
                        co.put("label", ch.label());
                    }
                }
        } else if (d instanceof RepeatBlock r) {
                o.put("type", "repeat");
                o.put("name", r.name());
                o.put("description", r.description());
                o.put("count", r.count());
                ArrayNode inner = o.putArray("decisions");
                r.decisions().forEach(x -> inner.add(decisionTree(x)));
        } else {
                o.put("type", "skip");
                o.put("name", d.name());
                o.put("description", d.description());
        }
        return o;
    }

    private static JsonNode scalar(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof String s) {
            return f.textNode(s);
        } else if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof Long l) {
            return f.numberNode(l);
        } else if (v instanceof Double x) {
            return f.numberNode(x);
        }
        throw new IllegalArgumentException("not a choice value: " + v);
    }

    /** SHA-256 of the canonical form: two files that describe the same space have the same hash. */
    public static String hash(SearchSpace space) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] digest = md.digest(Json.compact(toTree(space)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Reader {
        List<Constraint> constraints(JsonNode node) {
            List<Constraint> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isArray()) {
                problem("$.constraints", "a list of constraints ({\"forbid\": {DECISION: VALUE, ...}})");
                return out;
            }
            for (int i = 0; i < node.size(); i++) {
                String path = "$.constraints[" + i + "]";
                JsonNode c = node.get(i);
                if (!c.isObject()) {
                    problem(path, "an object with forbid (decision: value, at least two) and an optional reason");
                    continue;
                }
                unknownFields(c, path, CONSTRAINT_FIELDS);
                JsonNode forbid = c.get("forbid");
                if (forbid == null || !forbid.isObject() || forbid.size() < 2) {
                    problem(path + ".forbid", "an object naming at least two decisions and the value each must not "
                            + "take together");
                    continue;
                }
                Map<String, Object> values = new java.util.LinkedHashMap<>();
                forbid.fields().forEachRemaining(e -> {
                    JsonNode v = e.getValue();
                    if (v.isTextual()) {
                        values.put(e.getKey(), v.asText());
                    } else if (v.isBoolean()) {
                        values.put(e.getKey(), v.asBoolean());
                    } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                        values.put(e.getKey(), v.asLong());
                    } else if (v.isNumber()) {
                        values.put(e.getKey(), v.asDouble());
                    } else {
                        problem(path + ".forbid." + e.getKey(), "a choice value (text, number or true/false)");
                    }
                });
                JsonNode reason = c.get("reason");
                if (reason != null && !reason.isTextual()) {
                    problem(path + ".reason", "text");
                }
                if (values.size() == forbid.size()) {
                    out.add(new Constraint(values, reason == null ? "" : reason.asText()));
                }
            }
            return out;
        }

        final String source;
        final List<Problem> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        void problem(String path, String expected) {
            problems.add(new Problem(source, path, expected));
        }

        SearchSpace space(JsonNode root) {
            if (!root.isObject()) {
                problem("$", "a JSON object with schemaVersion, name and decisions");
                return null;
            }
            unknownFields(root, "$", TOP_FIELDS);
            JsonNode version = root.get("schemaVersion");
            if (version == null) {
                problem("$.schemaVersion", "a schemaVersion (this Wayfinder reads version " + SearchSpace.SCHEMA_VERSION + ")");
            } else if (!version.isInt() || version.asInt() != SearchSpace.SCHEMA_VERSION) {
                problem("$.schemaVersion", "schema version " + SearchSpace.SCHEMA_VERSION + ", found " + version);
            }
            String name = text(root, "$", "name", true);
            String description = text(root, "$", "description", false);
            List<Decision> decisions = decisionList(root.get("decisions"), "$.decisions", false, new HashSet<>());
            List<Constraint> constraints = constraints(root.get("constraints"));
            if (!problems.isEmpty()) {
                return null;
            }
            SearchSpace unconstrained;
            try {
                unconstrained = new SearchSpace(name, description, decisions);
            } catch (IllegalArgumentException e) {
                problem("$", e.getMessage());
                return null;
            }
            for (int i = 0; i < constraints.size(); i++) {
                for (Map.Entry<String, Object> e : constraints.get(i).forbid().entrySet()) {
                    String at = "$.constraints[" + i + "].forbid." + e.getKey();
                    if (!unconstrained.hasSlot(e.getKey())) {
                        problem(at, "the name of a decision outside repeat blocks (no decision " + e.getKey() + ")");
                        continue;
                    }
                    FlatDecision f = unconstrained.slot(e.getKey());
                    boolean known = f.choices().stream().anyMatch(c -> c.value().equals(e.getValue())
                            || (c.value() instanceof Number a && e.getValue() instanceof Number b
                            && a.doubleValue() == b.doubleValue()) || e.getValue().equals(c.label()));
                    if (!known) {
                        problem(at, "one of the choices of " + e.getKey());
                    }
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            SearchSpace space = new SearchSpace(name, description, decisions, constraints);
            if (!constraints.isEmpty() && space.configurationCount().signum() <= 0) {
                problem("$.constraints", "constraints that leave at least one configuration (they forbid all)");
                return null;
            }
            return space;
        }

        List<Decision> decisionList(JsonNode node, String path, boolean inRepeat, Set<String> names) {
            List<Decision> out = new ArrayList<>();
            if (node == null) {
                problem(path, "a list of decisions");
                return out;
            }
            if (!node.isArray()) {
                problem(path, "a list of decisions, found " + kind(node));
                return out;
            }
            if (node.isEmpty()) {
                problem(path, "at least one decision");
            }
            boolean skipSeen = false;
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                Decision d = decision(node.get(i), p, inRepeat, names);
                if (d instanceof SkipDecision) {
                    if (skipSeen) {
                        problem(p, "at most one skip decision per repeat block");
                    }
                    skipSeen = true;
                }
                if (d != null) {
                    out.add(d);
                }
            }
            return out;
        }

        Decision decision(JsonNode node, String path, boolean inRepeat, Set<String> names) {
            if (!node.isObject()) {
                problem(path, "a decision object, found " + kind(node));
                return null;
            }
            String type = node.has("type") ? node.get("type").asText() : "categorical";
            if (node.has("type") && !node.get("type").isTextual()) {
                problem(path + ".type", "one of \"categorical\", \"repeat\", \"skip\", found " + node.get("type"));
                return null;
            }
            String name = text(node, path, "name", true);
            String description = text(node, path, "description", false);
            if (name != null) {
                if (!name.matches("[A-Za-z_][A-Za-z0-9_\\-]*")) {
                    problem(path + ".name", "a name of letters, digits, '_' or '-', not starting with a digit, found \""
                            + name + "\"");
                } else if (!names.add(name)) {
                    problem(path + ".name", "a unique decision name, but \"" + name + "\" is used twice");
                }
            }
            switch (type) {
                case "categorical" -> {
                    unknownFields(node, path, CATEGORICAL_FIELDS);
                    List<Choice> choices = choices(node.get("choices"), path + ".choices");
                    return name == null || choices.isEmpty() ? null : new CategoricalDecision(name, description, choices);
                }
                case "repeat" -> {
                    unknownFields(node, path, REPEAT_FIELDS);
                    if (inRepeat) {
                        problem(path, "no repeat block inside another repeat block");
                        return null;
                    }
                    JsonNode count = node.get("count");
                    int n = 0;
                    if (count == null || !count.isInt() || count.asInt() < 1 || count.asInt() > 64) {
                        problem(path + ".count", "a whole number of layers from 1 to 64, found "
                                + (count == null ? "nothing" : count.toString()));
                    } else {
                        n = count.asInt();
                    }
                    List<Decision> inner = decisionList(node.get("decisions"), path + ".decisions", true, new HashSet<>());
                    return name == null || n == 0 || inner.isEmpty() ? null
                            : new RepeatBlock(name, description, n, inner);
                }
                case "skip" -> {
                    unknownFields(node, path, SKIP_FIELDS);
                    if (!inRepeat) {
                        problem(path, "a skip decision only inside a repeat block (it is decided per earlier layer)");
                        return null;
                    }
                    return name == null ? null : new SkipDecision(name, description);
                }
                default -> {
                    problem(path + ".type", "one of \"categorical\", \"repeat\", \"skip\", found \"" + type + "\"");
                    return null;
                }
            }
        }

        List<Choice> choices(JsonNode node, String path) {
            List<Choice> out = new ArrayList<>();
            if (node == null) {
                problem(path, "a list of choices");
                return out;
            }
            if (!node.isArray()) {
                problem(path, "a list of choices, found " + kind(node));
                return out;
            }
            if (node.isEmpty()) {
                problem(path, "at least one choice (the list is empty)");
                return out;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                JsonNode c = node.get(i);
                Object value;
                String label = null;
                if (c.isObject()) {
                    unknownFields(c, p, CHOICE_FIELDS);
                    value = scalarValue(c.get("value"), p + ".value");
                    JsonNode l = c.get("label");
                    if (l != null && !l.isTextual()) {
                        problem(p + ".label", "a text label, found " + kind(l));
                    } else if (l != null) {
                        label = l.asText();
                    }
                } else {
                    value = scalarValue(c, p);
                }
                if (value != null) {
                    String key = (value instanceof Number n ? Double.toString(n.doubleValue()) : value.toString());
                    if (!seen.add(value.getClass().getSimpleName().replace("Long", "Double") + ":" + key)) {
                        problem(p, "distinct choices, but " + value + " appears twice");
                    }
                    out.add(new Choice(value, label));
                }
            }
            return out;
        }

        Object scalarValue(JsonNode c, String path) {
            if (c == null) {
                problem(path, "a value (string, number or boolean)");
                return null;
            }
            if (c.isTextual()) {
                return c.asText();
            }
            if (c.isBoolean()) {
                return c.asBoolean();
            }
            if (c.isIntegralNumber() && c.canConvertToLong()) {
                return c.asLong();
            }
            if (c.isNumber()) {
                double d = c.asDouble();
                if (!Double.isFinite(d)) {
                    problem(path, "a finite number, found " + c);
                    return null;
                }
                return d;
            }
            problem(path, "a string, number or boolean, found " + kind(c));
            return null;
        }

        String text(JsonNode node, String path, String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    problem(path + "." + field, "a " + field + " (text)");
                }
                return required ? null : "";
            }
            if (!v.isTextual()) {
                problem(path + "." + field, "text, found " + kind(v));
                return null;
            }
            if (required && v.asText().isBlank()) {
                problem(path + "." + field, "a non-empty " + field);
                return null;
            }
            return v.asText();
        }

        void unknownFields(JsonNode node, String path, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    problem(path + "." + f, "no field \"" + f + "\" here (allowed: " + String.join(", ",
                            allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        static String kind(JsonNode n) {
            if (n.isArray()) {
                return "a list";
            }
            if (n.isObject()) {
                return "an object";
            }
            if (n.isTextual()) {
                return "text \"" + n.asText() + "\"";
            }
            if (n.isNull()) {
                return "null";
            }
            return n.getNodeType().name().toLowerCase() + " " + n;
        }
    }
}
