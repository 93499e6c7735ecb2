package io.wayfinder.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.run.InputException;
import io.wayfinder.run.InputException.Problem;
import io.wayfinder.run.InputFiles;
import io.wayfinder.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a protocol file ({@link Protocol}). Every problem names the file, the JSON path and what was expected; the
 * project files it names must exist (their contents are checked when a stage reads them).
 */
public final class ProtocolCodec {
    public static final int SCHEMA_VERSION = 1;
    private static final Set<String> TOP = Set.of("schemaVersion", "name", "description", "pretrain", "targets",
            "strategies", "seeds", "trialsPerTask");
    private static final Set<String> PRETRAIN = Set.of("project", "trialsPerTask", "seed");

    private ProtocolCodec() {
    }

    public static Protocol read(Path file) {
        String source = file.toString();
        JsonNode root = Json.readTree(InputFiles.readUtf8(file, InputFiles.MAX_JSON_BYTES), source);
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new InputException(source, "$", "a JSON object describing a protocol");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP.contains(f)) {
                String closest = Settings.closest(f, TOP);
                problems.add(new Problem(source, "$." + f, "no field \"" + f + "\" here ("
                        + (closest != null ? "did you mean '" + closest + "'?" : "allowed: " + TOP) + ")"));
            }
        }
        JsonNode v = root.get("schemaVersion");
        if (v == null || !v.isInt() || v.asInt() != SCHEMA_VERSION) {
            problems.add(new Problem(source, "$.schemaVersion", "schema version " + SCHEMA_VERSION + ", found " + v));
        }
        String name = root.path("name").isTextual() ? root.get("name").asText() : null;
        if (name == null || name.isBlank()) {
            problems.add(new Problem(source, "$.name", "the protocol's name (text)"));
        }
        Path dir = file.toAbsolutePath().getParent();
        Path pretrain = null;
        int pretrainTrials = 0;
        long pretrainSeed = 1;
        JsonNode p = root.get("pretrain");
        if (p == null || !p.isObject()) {
            problems.add(new Problem(source, "$.pretrain", "an object {\"project\": FILE, \"trialsPerTask\": N, "
                    + "\"seed\": S} naming the multitask pre-training project"));
        } else {
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!PRETRAIN.contains(f)) {
                    problems.add(new Problem(source, "$.pretrain." + f, "one of " + PRETRAIN));
                }
            }
            pretrain = projectFile(p.get("project"), dir, source, "$.pretrain.project", problems);
            pretrainTrials = positive(p.get("trialsPerTask"), 0, source, "$.pretrain.trialsPerTask", problems);
            if (p.has("seed")) {
                if (!p.get("seed").canConvertToLong() || !p.get("seed").isIntegralNumber()) {
                    problems.add(new Problem(source, "$.pretrain.seed", "a whole number, found " + p.get("seed")));
                } else {
                    pretrainSeed = p.get("seed").asLong();
                }
            }
        }
        List<Path> targets = new ArrayList<>();
        JsonNode t = root.get("targets");
        if (t == null || !t.isArray() || t.isEmpty()) {
            problems.add(new Problem(source, "$.targets", "a non-empty list of target project files"));
        } else {
            for (int i = 0; i < t.size(); i++) {
                Path f = projectFile(t.get(i), dir, source, "$.targets[" + i + "]", problems);
                if (f != null) {
                    targets.add(f);
                }
            }
        }
        List<String> strategies = new ArrayList<>();
        JsonNode s = root.get("strategies");
        if (s == null || !s.isArray() || s.isEmpty()) {
            problems.add(new Problem(source, "$.strategies", "a non-empty list of strategy ids, e.g. [\"random\", "
                    + "\"aml\", \"taml\"]"));
        } else {
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).isTextual() || s.get(i).asText().isBlank()) {
                    problems.add(new Problem(source, "$.strategies[" + i + "]", "a strategy id, found " + s.get(i)));
                } else if (strategies.contains(s.get(i).asText())) {
                    problems.add(new Problem(source, "$.strategies[" + i + "]", "each strategy once, found \""
                            + s.get(i).asText() + "\" twice"));
                } else {
                    strategies.add(s.get(i).asText());
                }
            }
        }
        List<Long> seeds = new ArrayList<>();
        JsonNode sd = root.get("seeds");
        if (sd == null || !sd.isArray() || sd.isEmpty()) {
            problems.add(new Problem(source, "$.seeds", "a non-empty list of whole-number seeds, e.g. [1, 2, 3]"));
        } else {
            for (int i = 0; i < sd.size(); i++) {
                if (!sd.get(i).isIntegralNumber() || !sd.get(i).canConvertToLong()) {
                    problems.add(new Problem(source, "$.seeds[" + i + "]", "a whole number, found " + sd.get(i)));
                } else if (seeds.contains(sd.get(i).asLong())) {
                    problems.add(new Problem(source, "$.seeds[" + i + "]", "each seed once, found "
                            + sd.get(i).asLong() + " twice"));
                } else {
                    seeds.add(sd.get(i).asLong());
                }
            }
        }
        int trials = positive(root.get("trialsPerTask"), -1, source, "$.trialsPerTask", problems);
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        String description = root.path("description").asText("");
        return new Protocol(file, name, description, pretrain, pretrainTrials, pretrainSeed, targets, strategies,
                seeds, trials);
    }

    private static Path projectFile(JsonNode v, Path dir, String source, String place, List<Problem> problems) {
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(new Problem(source, place, "a project file (text, relative to the protocol file)"));
            return null;
        }
        Path f = dir.resolve(v.asText()).normalize();
        if (!Files.isRegularFile(f)) {
            problems.add(new Problem(source, place, "an existing project file, found no file " + f));
            return null;
        }
        return f;
    }

    /** A whole number from 1 to the project limit; {@code fallback} when absent (-1 = required). */
    private static int positive(JsonNode v, int fallback, String source, String place, List<Problem> problems) {
        if (v == null) {
            if (fallback < 0) {
                problems.add(new Problem(source, place, "a whole number of trials per task from 1 to "
                        + ProjectCodec.MAX_TRIALS_PER_TASK));
            }
            return Math.max(fallback, 0);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1
                || v.asInt() > ProjectCodec.MAX_TRIALS_PER_TASK) {
            problems.add(new Problem(source, place, "a whole number from 1 to " + ProjectCodec.MAX_TRIALS_PER_TASK
                    + ", found " + ProjectCodec.abbreviate(v)));
            return 0;
        }
        return v.asInt();
    }
}
