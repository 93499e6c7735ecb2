package io.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.graph.GraphDot;
import io.wayfinder.run.Json;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wayfinder export RUN --format csv|json|dot}: every trial of a run, to a file or standard output; {@code dot}
 * writes one Graphviz file per trial that carries an architecture graph into the {@code --out} folder.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run's trials: csv (a header, then one row per trial) or json (everything, with "
                + "provenance) or dot (one Graphviz file per trial with an architecture graph, into the --out folder) or "
                + "svg / png (the inspector's drawing of each conv net, recurrent cell or NAS-Bench-201 cell, laid out "
                + "with Eclipse ELK, one file per trial into the --out folder; no display needed).")
public final class ExportCommand implements Callable<Integer> {
    public enum Format { csv, json, dot, svg, png }

    @Parameters(paramLabel = "RUN", description = "The run's id.")
    long runId;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv, json, dot, svg or png.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output (for dot: the folder to write into).")
    Path out;

    @Mixin
    StoreOptions options;

    @Override
    public Integer call() throws IOException {
        try (RunStore store = options.open()) {
            RunRecord run = store.run(runId).orElseThrow(() -> new NoSuchElementException("no run " + runId
                    + " in " + store.location()));
            List<TrialRecord> trials = store.trials(runId);
            if (format == Format.dot) {
                return dot(run, trials);
            }
            if (format == Format.svg || format == Format.png) {
                return drawings(run, trials);
            }
            Map<Long, String> workers = store.trialWorkers(runId);
            String text = format == Format.csv ? csv(run, trials, workers) : json(run, trials, workers);
            if (out == null) {
                System.out.print(text);
            } else {
                Files.writeString(out, text);
                System.out.println("wrote " + trials.size() + " trials to " + out);
            }
        }
        return 0;
    }

    private int dot(RunRecord run, List<TrialRecord> trials) throws IOException {
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--format dot needs --out DIR (one file per trial is written there)");
        }
        Files.createDirectories(out);
        int written = 0;
        for (TrialRecord t : trials) {
            if (t.details() == null) {
                continue;
            }
            JsonNode graph = Json.readTree(t.details(), "trial " + t.id()).get("graph");
            if (graph == null || graph.isNull()) {
                continue;
            }
            String title = "run " + run.id() + " trial " + t.seq() + " (attempt " + t.attempt() + ")"
                    + (Double.isNaN(t.validationMetric()) ? "" : String.format(" validation %.4f",
                    t.validationMetric()));
            Path file = out.resolve(String.format("run%d-trial%04d-a%d.dot", run.id(), t.seq(), t.attempt()));
            Files.writeString(file, GraphDot.render(title, graph));
            written++;
        }
        System.out.println("wrote " + written + " DOT files (of " + trials.size() + " trials) to " + out);
        return 0;
    }

    /** One SVG or PNG per trial that can be drawn (a stored graph, or a NAS-Bench-201 configuration). */
    private int drawings(RunRecord run, List<TrialRecord> trials) throws IOException {
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--format " + format + " needs --out DIR (one file per trial is written there)");
        }
        Files.createDirectories(out);
        int written = 0;
        for (TrialRecord t : trials) {
            JsonNode details = t.details() == null ? null : Json.readTree(t.details(), "trial " + t.id());
            JsonNode values = t.values() == null ? null : Json.readTree(t.values(), "trial " + t.id());
            String task = t.task() < run.taskNames().size() ? run.taskNames().get(t.task()) : "task " + t.task();
            String title = "run " + run.id() + " · " + task + " · trial #" + t.seq()
                    + (Double.isNaN(t.reward()) ? "" : String.format(java.util.Locale.ROOT, " · reward %.4f",
                    t.reward()));
            var graph = io.wayfinder.graph.ArchGraphs.forTrial(title, details, values);
            if (graph.isEmpty()) {
                continue;
            }
            io.wayfinder.graph.Drawing d = io.wayfinder.graph.GraphLayout.layout(graph.get());
            Path file = out.resolve(String.format("run%d-trial%04d-a%d.%s", run.id(), t.seq(), t.attempt(), format));
            if (format == Format.svg) {
                Files.writeString(file, io.wayfinder.graph.SvgWriter.write(d));
            } else {
                io.wayfinder.graph.PngWriter.write(d, 2.0, file);
            }
            written++;
        }
        System.out.println("wrote " + written + " " + format.name().toUpperCase(java.util.Locale.ROOT) + " files (of "
                + trials.size() + " trials) to " + out);
        return 0;
    }

    static String csv(RunRecord run, List<TrialRecord> trials) {
        return csv(run, trials, Map.of());
    }

    /** {@code workers}: the worker ({@code host:pid}) of each trial a worker trained; blank for in-process trials. */
    static String csv(RunRecord run, List<TrialRecord> trials, Map<Long, String> workers) {
        Set<String> paths = new LinkedHashSet<>();
        List<JsonNode> values = new ArrayList<>();
        for (TrialRecord t : trials) {
            JsonNode v = Json.readTree(t.values(), "trial " + t.id());
            values.add(v);
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                paths.add(it.next());
            }
        }
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw);
        List<String> header = new ArrayList<>(List.of("trial", "id", "attempt", "task", "status", "reward",
                "validation", "test", "started_ms", "duration_ms", "seed", "observe_order", "failure", "worker"));
        header.addAll(paths);
        w.print(row(header));
        for (int i = 0; i < trials.size(); i++) {
            TrialRecord t = trials.get(i);
            List<String> cells = new ArrayList<>(List.of(Integer.toString(t.seq()), Long.toString(t.id()),
                    Integer.toString(t.attempt()), run.taskNames().get(t.task()), t.status().name().toLowerCase(),
                    num(t.reward()), num(t.validationMetric()), num(t.testMetric()), Long.toString(t.startedMillis()),
                    Long.toString(t.durationMillis()), Long.toString(t.seed()), Integer.toString(t.observeOrder()),
                    t.failureReason() == null ? "" : t.failureReason(), workers.getOrDefault(t.id(), "")));
            for (String p : paths) {
                JsonNode v = values.get(i).get(p);
                cells.add(v == null ? "" : v.asText());
            }
            w.print(row(cells));
        }
        w.flush();
        return sw.toString();
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : Double.toString(x);
    }

    static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.append("\r\n").toString();
    }

    static String json(RunRecord run, List<TrialRecord> trials) {
        return json(run, trials, Map.of());
    }

    static String json(RunRecord run, List<TrialRecord> trials, Map<Long, String> workers) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schemaVersion", 1);
        ObjectNode r = root.putObject("run");
        r.put("id", run.id());
        r.put("name", run.name());
        r.put("strategy", run.strategy());
        r.put("seed", run.seed());
        r.put("status", run.status().name().toLowerCase());
        r.put("requestedTrials", run.requestedTrials());
        r.put("spaceHash", run.spaceHash());
        ArrayNode tasks = r.putArray("tasks");
        run.taskNames().forEach(tasks::add);
        r.set("searchSpace", Json.readTree(run.spaceJson(), "run " + run.id()));
        ArrayNode list = root.putArray("trials");
        for (TrialRecord t : trials) {
            ObjectNode o = list.addObject();
            o.put("trial", t.seq());
            o.put("id", t.id());
            o.put("seq", t.seq());
            o.put("attempt", t.attempt());
            o.put("task", run.taskNames().get(t.task()));
            o.put("status", t.status().name().toLowerCase());
            putNumber(o, "reward", t.reward());
            putNumber(o, "validation", t.validationMetric());
            putNumber(o, "test", t.testMetric());
            o.put("startedMillis", t.startedMillis());
            o.put("durationMillis", t.durationMillis());
            o.put("seed", t.seed());
            o.put("observeOrder", t.observeOrder());
            if (t.failureReason() != null) {
                o.put("failure", t.failureReason());
            }
            if (workers.containsKey(t.id())) {
                o.put("worker", workers.get(t.id()));
            }
            ArrayNode idx = o.putArray("choiceIndices");
            for (int i : t.configuration()) {
                idx.add(i);
            }
            o.set("configuration", Json.readTree(t.values(), "trial " + t.id()));
            if (t.provenance() != null) {
                o.set("provenance", Json.readTree(t.provenance(), "trial " + t.id()));
            }
            if (t.details() != null) {
                o.set("details", Json.readTree(t.details(), "trial " + t.id()));
            }
        }
        return Json.pretty(root);
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
