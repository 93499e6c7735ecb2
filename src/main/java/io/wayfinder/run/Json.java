package io.wayfinder.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;

/** The one JSON codec: a shared Jackson mapper and helpers that turn parse failures into {@link InputException}s. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {
    }

    /**
     * Reads a file as a JSON tree; a missing, oversized, non-UTF-8 or malformed file is an {@link InputException}
     * naming the file, line and column and what was expected there (never quoting the file's content: it may not be
     * a Wayfinder file at all).
     */
    public static JsonNode readTree(Path file) {
        return readTree(InputFiles.readUtf8(file, InputFiles.MAX_JSON_BYTES), file.toString());
    }

    public static JsonNode readTree(String text, String source) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InputException(source, "line 1", "a JSON document (the file is empty)");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String place = loc == null ? "?" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InputException(source, place, "well-formed JSON (" + reason(e) + ")", e);
        }
    }

    /** What went wrong in a parse, in words that never repeat the input. */
    static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Unexpected end-of-input")) {
            return "the text ends inside a value: truncated?";
        }
        if (m.startsWith("Duplicate field")) {
            return "a field name repeats in one object";
        }
        if (m.contains("nesting depth")) {
            return "nested deeper than " + com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH
                    + " levels";
        }
        if (m.contains("Number value length") || m.contains("String value length")
                || m.contains("Name length")) {
            return "a value longer than JSON values may be here";
        }
        if (m.startsWith("Unrecognized token") || m.startsWith("Unexpected character")) {
            return "a JSON value, object or array here; this is not JSON";
        }
        if (m.contains("control character") || m.contains("Illegal unquoted character")) {
            return "no raw control characters inside strings";
        }
        if (m.startsWith("Invalid numeric value") || m.startsWith("Non-standard token")) {
            return "a plain JSON number";
        }
        if (m.contains("Unexpected close marker")) {
            return "brackets and braces that match";
        }
        return "a JSON document";
    }

    /** Pretty-printed JSON with two-space indents and a final newline: diff-friendly. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact JSON on one line. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
