package io.wayfinder.ui.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.graph.ArchGraph;
import io.wayfinder.graph.ArchGraphs;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the inspector shows about one trial, computed without JavaFX: the facts (task, reward, validation and
 * test, duration, status and failure reason, seed, provenance, the controller's probability of the configuration),
 * the configuration's values, the per-epoch curves stored with the trial, and its architecture graph.
 */
public final class TrialFacts {

    /** One labelled fact. */
    public record Fact(String label, String value) {
    }

    /** One stored per-epoch series. */
    public record Curve(String name, double[] y) {
    }

    private final TrialRecord trial;
    private final String runLabel;
    private final String taskName;
    private final List<Fact> facts = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Curve> curves = new ArrayList<>();
    private final Optional<ArchGraph> graph;
    private final String probability;

    /**
     * @param trial    the trial with its provenance and details (as {@link io.wayfinder.store.RunStore#trials} gives)
     * @param runLabel the run's name, e.g. {@code run 3 (aml)}
     * @param taskName the task's name
     * @param space    the run's search space (for the configuration's values and the uniform probability)
     */
    public TrialFacts(TrialRecord trial, String runLabel, String taskName, SearchSpace space) {
        this.trial = trial;
        this.runLabel = runLabel;
        this.taskName = taskName;
        JsonNode provenance = parse(trial.provenance());
        JsonNode details = parse(trial.details());
        JsonNode valueJson = parse(trial.values());
        if (valueJson != null && valueJson.isObject()) {
            valueJson.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        } else if (space != null) {
            space.values(new io.wayfinder.space.Configuration(trial.configuration()))
                    .forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        this.probability = probability(provenance, space);
        facts.add(new Fact("Run", runLabel));
        facts.add(new Fact("Task", taskName));
        facts.add(new Fact("Trial", "#" + trial.seq() + (trial.attempt() > 1 ? " (attempt " + trial.attempt() + ")" : "")));
        facts.add(new Fact("Status", trial.status().name().toLowerCase(Locale.ROOT)
                + (trial.failureReason() == null ? "" : ": " + trial.failureReason())));
        facts.add(new Fact("Reward", metric(trial.reward())));
        facts.add(new Fact("Validation", metric(trial.validationMetric())));
        facts.add(new Fact("Test", metric(trial.testMetric())));
        facts.add(new Fact("Duration", trial.finishedMillis() == 0 ? "not finished"
                : trial.durationMillis() < 1 ? "under 1 ms" : duration(trial.durationMillis())));
        facts.add(new Fact("Controller's probability", probability));
        facts.add(new Fact("Seed", Long.toString(trial.seed())));
        io.wayfinder.run.SupernetEpoch.fromProvenance(trial.provenance()).ifPresent(e -> facts.add(new Fact(
                "Found by", String.format(Locale.ROOT, "%s super-network, search epoch %d of %d: training batches "
                        + "accuracy %.3f, validation batches %.3f%s (%d weight steps, %.1f s)",
                        e.strategy().toUpperCase(Locale.ROOT), e.epoch(), e.epochs(),
                        io.wayfinder.run.SupernetEpoch.mean(e.trainAccuracy()),
                        io.wayfinder.run.SupernetEpoch.mean(e.validationAccuracy()),
                        Double.isNaN(e.alphaEntropy()) ? "" : String.format(Locale.ROOT,
                                ", alpha entropy %.3f", e.alphaEntropy()), e.steps(), e.seconds()))));
        if (details != null) {
            if (details.has("parameters")) {
                facts.add(new Fact("Parameters", String.format(Locale.ROOT, "%,d", details.get("parameters").asLong())));
            }
            for (String k : List.of("trainImages", "validationImages", "testImages", "embeddingModule", "dataset",
                    "testPerplexity", "validPerplexity")) {
                if (details.hasNonNull(k)) {
                    facts.add(new Fact(k, details.get(k).asText()));
                }
            }
            readCurves(details);
        }
        if (provenance != null) {
            for (String k : List.of("strategy", "runSeed", "spaceHash", "datasetId", "datasetHash", "backend",
                    "codeVersion", "jvm", "os")) {
                if (provenance.hasNonNull(k)) {
                    facts.add(new Fact("provenance." + k, provenance.get(k).asText()));
                }
            }
        }
        ArchGraph g = null;
        try {
            g = ArchGraphs.forTrial(runLabel + " · " + taskName + " · trial #" + trial.seq(), details, valueJson)
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            facts.add(new Fact("Graph", "not drawable: " + e.getMessage()));
        }
        this.graph = Optional.ofNullable(g);
    }

    private void readCurves(JsonNode details) {
        Iterator<Map.Entry<String, JsonNode>> it = details.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue();
            if (!a.isArray() || a.size() < 1) {
                continue;
            }
            if (a.get(0).isNumber()) {
                double[] y = new double[a.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = a.get(i).asDouble();
                }
                curves.add(new Curve(e.getKey(), y));
            } else if (a.get(0).isObject()) {
                Map<String, double[]> series = new LinkedHashMap<>();
                for (int i = 0; i < a.size(); i++) {
                    int row = i;
                    a.get(i).fields().forEachRemaining(f -> {
                        if (f.getValue().isNumber() && !"epoch".equals(f.getKey())) {
                            series.computeIfAbsent(f.getKey(), k -> filled(a.size()))[row] = f.getValue().asDouble();
                        }
                    });
                }
                series.forEach((k, y) -> curves.add(new Curve(k, y)));
            }
        }
    }

    private static double[] filled(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, Double.NaN);
        return d;
    }

    /** The probability text: recorded at sampling time, or computed for uniform random search, or not recorded. */
    static String probability(JsonNode provenance, SearchSpace space) {
        if (provenance != null && provenance.path("proposalLogProbability").isNumber()) {
            double lp = provenance.get("proposalLogProbability").asDouble();
            return probabilityText(lp) + ", recorded when sampled";
        }
        String strategy = provenance == null ? "" : provenance.path("strategy").asText("");
        if ("random".equals(strategy) && space != null) {
            double lp = 0;
            for (FlatDecision f : space.flat()) {
                lp -= Math.log(f.choices().size());
            }
            return probabilityText(lp) + ", computed (random search samples uniformly)";
        }
        return "not recorded (trial recorded before the probability was stored, or a strategy without a policy)";
    }

    static String probabilityText(double logProbability) {
        double p = Math.exp(logProbability);
        String ps = p >= 0.001 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.3g", p);
        return "p = " + ps + " (ln p = " + String.format(Locale.ROOT, "%.2f", logProbability) + ")";
    }

    /** A duration in human units: ms below a second, then s, min, h. */
    public static String duration(long millis) {
        if (millis <= 0) {
            return "not finished";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        double s = millis / 1000.0;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
    }

    private static String metric(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public TrialRecord trial() {
        return trial;
    }

    public String runLabel() {
        return runLabel;
    }

    public String taskName() {
        return taskName;
    }

    /**
     * Adds the worker that trained the trial ({@code host:pid}, from the shared store's work queue) after its
     * duration; trials trained in the run's own process have none and get no such fact.
     */
    public TrialFacts worker(String worker) {
        if (worker != null && !worker.isBlank()) {
            int at = 0;
            while (at < facts.size() && !facts.get(at).label().equals("Duration")) {
                at++;
            }
            facts.add(Math.min(at + 1, facts.size()), new Fact("Worker", worker));
        }
        return this;
    }

    public List<Fact> facts() {
        return facts;
    }

    /** The fact with this label, or null. */
    public String fact(String label) {
        return facts.stream().filter(f -> f.label().equals(label)).map(Fact::value).findFirst().orElse(null);
    }

    public Map<String, String> values() {
        return values;
    }

    public List<Curve> curves() {
        return curves;
    }

    public Optional<ArchGraph> graph() {
        return graph;
    }

    public String probability() {
        return probability;
    }

    /** The configuration keys whose values differ between two trials (or exist in one only). */
    public static java.util.Set<String> differingValues(TrialFacts a, TrialFacts b) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.values.keySet());
        keys.addAll(b.values.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(a.values.get(k), b.values.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    /** The node ids of {@code a}'s graph that {@code b}'s lacks or draws differently (title or lines). */
    public static java.util.Set<String> differingNodes(ArchGraph a, ArchGraph b) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        Map<String, ArchGraph.Node> other = new LinkedHashMap<>();
        b.nodes().forEach(n -> other.put(n.id(), n));
        java.util.Set<String> bEdges = new java.util.HashSet<>();
        b.edges().forEach(e -> bEdges.add(e.from() + "->" + e.to() + ":" + e.label()));
        for (ArchGraph.Node n : a.nodes()) {
            ArchGraph.Node o = other.get(n.id());
            if (o == null || !o.title().equals(n.title()) || !o.lines().equals(n.lines())) {
                out.add(n.id());
            }
        }
        for (ArchGraph.Edge e : a.edges()) {
            if (!bEdges.contains(e.from() + "->" + e.to() + ":" + e.label())) {
                out.add(e.to());
            }
        }
        return out;
    }
}
