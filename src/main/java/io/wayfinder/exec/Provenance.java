package io.wayfinder.exec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.Json;
import io.wayfinder.task.TrialEvaluator;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Provenance carried by every trial: search-space hash, strategy, data set id and hash, code version and commit,
 * backend, JVM, OS, and the trial's seed and attempt.
 */
public final class Provenance {
    private static final Properties BUILD = loadBuild();

    private Provenance() {
    }

    private static Properties loadBuild() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/io/wayfinder/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // provenance then says "unknown"
        }
        return p;
    }

    /** The code version, e.g. {@code 0.1.0-SNAPSHOT (a1b2c3d)}. */
    public static String codeVersion() {
        String v = BUILD.getProperty("version", "unknown");
        String commit = BUILD.getProperty("commit", "");
        return commit.isEmpty() || commit.startsWith("${") ? v : v + " (" + commit + ")";
    }

    /** The part common to all trials of one task in a run. */
    public static String forTask(String spaceHash, String strategy, long runSeed, TrialEvaluator evaluator) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("spaceHash", spaceHash);
        o.put("strategy", strategy);
        o.put("runSeed", runSeed);
        o.put("datasetId", evaluator.datasetId());
        o.put("datasetHash", evaluator.datasetHash());
        o.put("backend", evaluator.backend());
        o.put("codeVersion", codeVersion());
        o.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        o.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return Json.compact(o);
    }

    /**
     * The task part plus the trial's seed, attempt and, when the strategy has a policy, the natural log of the
     * probability it gave the configuration when sampling it ({@code proposalLogProbability}).
     */
    static String forTrial(String taskPart, long trialSeed, int attempt, double proposalLogProbability) {
        return forTrial(taskPart, trialSeed, attempt, proposalLogProbability, null);
    }

    /**
     * As {@link #forTrial(String, long, int, double)}, plus the strategy's notes on how it arrived at the proposal
     * ({@link io.wayfinder.strategy.Strategy#proposalNotes}, a JSON object) under {@code search} when not null.
     */
    static String forTrial(String taskPart, long trialSeed, int attempt, double proposalLogProbability,
                           String searchNotes) {
        String lp = Double.isNaN(proposalLogProbability) || Double.isInfinite(proposalLogProbability) ? ""
                : ",\"proposalLogProbability\":" + proposalLogProbability;
        String notes = searchNotes == null || searchNotes.isBlank() ? "" : ",\"search\":" + searchNotes;
        return taskPart.substring(0, taskPart.length() - 1) + ",\"trialSeed\":" + trialSeed + ",\"attempt\":" + attempt
                + lp + notes + "}";
    }

    /** The recorded {@code search} notes of a trial's provenance JSON (compact), or null when none were recorded. */
    public static String searchNotes(String provenance) {
        if (provenance == null || provenance.isEmpty()) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = Json.MAPPER.readTree(provenance).get("search");
            return n == null || !n.isObject() ? null : Json.compact(n);
        } catch (IOException e) {
            return null;
        }
    }

    /** The recorded {@code proposalLogProbability} of a trial's provenance JSON, or NaN when none was recorded. */
    public static double proposalLogProbability(String provenance) {
        if (provenance == null || provenance.isEmpty()) {
            return Double.NaN;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = Json.MAPPER.readTree(provenance).get("proposalLogProbability");
            return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
