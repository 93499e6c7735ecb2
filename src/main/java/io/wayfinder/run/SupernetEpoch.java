package io.wayfinder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One search epoch of a weight-sharing super-network (DARTS, ENAS), as the strategy recorded it: the loss and
 * accuracy of every weight step on its training batch and of every validation batch (DARTS' architecture steps,
 * ENAS' controller rewards). It travels in the provenance of the trial whose cell the epoch produced, under
 * {@code search.supernet}, so the workbench can chart the super-network's training for a live or a reopened run.
 *
 * @param strategy           the strategy id ({@code darts}, {@code enas})
 * @param epoch              the epoch's number, from 1
 * @param epochs             the search's epochs
 * @param learningRate       the weights' learning rate during the epoch
 * @param trainLoss          per weight step, the mean cross-entropy of its training batch
 * @param trainAccuracy      per weight step, its training batch's accuracy
 * @param validationLoss     per validation batch, the mean cross-entropy
 * @param validationAccuracy per validation batch, the accuracy
 * @param alphaEntropy       DARTS: mean entropy (nats) of softmax(alpha) per edge after the epoch; NaN otherwise
 * @param seconds            the epoch's wall time
 * @param cpuSeconds         the CPU time of the thread that ran the epoch (ND4J computes on it with one OpenMP
 *                           thread): the epoch's compute, whatever else the machine runs; NaN when not measured
 * @param cell               the cell the epoch produced, in NAS-Bench-201 notation
 */
public record SupernetEpoch(String strategy, int epoch, int epochs, double learningRate, double[] trainLoss,
                            double[] trainAccuracy, double[] validationLoss, double[] validationAccuracy,
                            double alphaEntropy, double seconds, double cpuSeconds, String cell) {
    public SupernetEpoch {
        Objects.requireNonNull(strategy, "strategy");
        if (trainLoss.length != trainAccuracy.length || validationLoss.length != validationAccuracy.length) {
            throw new IllegalArgumentException("losses and accuracies must pair up");
        }
    }

    /** The CPU time of the current thread in seconds (NaN when the JVM cannot measure it). */
    public static double threadCpuSeconds() {
        java.lang.management.ThreadMXBean b = java.lang.management.ManagementFactory.getThreadMXBean();
        long t = b.isCurrentThreadCpuTimeSupported() ? b.getCurrentThreadCpuTime() : -1;
        return t < 0 ? Double.NaN : t / 1e9;
    }

    /** The weight steps of the epoch. */
    public int steps() {
        return trainLoss.length;
    }

    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }

    /** The {@code search} notes object that carries this epoch: {@code {"supernet": {...}}}. */
    public String toNotes() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("strategy", strategy);
        o.put("epoch", epoch);
        o.put("epochs", epochs);
        o.put("learningRate", learningRate);
        array(o, "trainLoss", trainLoss);
        array(o, "trainAccuracy", trainAccuracy);
        array(o, "validationLoss", validationLoss);
        array(o, "validationAccuracy", validationAccuracy);
        if (Double.isFinite(alphaEntropy)) {
            o.put("alphaEntropy", alphaEntropy);
        }
        o.put("seconds", seconds);
        if (Double.isFinite(cpuSeconds)) {
            o.put("cpuSeconds", cpuSeconds);
        }
        o.put("cell", cell);
        ObjectNode notes = JsonNodeFactory.instance.objectNode();
        notes.set("supernet", o);
        return Json.compact(notes);
    }

    private static void array(ObjectNode o, String name, double[] values) {
        ArrayNode a = o.putArray(name);
        for (double v : values) {
            // 5 significant digits are plenty for a chart and keep a trial's provenance small
            a.add(Double.isFinite(v) ? Double.parseDouble(String.format(java.util.Locale.ROOT, "%.5g", v)) : 0);
        }
    }

    /** The epoch recorded in a trial's provenance JSON, or empty when it has none (or it cannot be read). */
    public static Optional<SupernetEpoch> fromProvenance(String provenance) {
        if (provenance == null || provenance.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(provenance).path("search").path("supernet");
            if (!n.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new SupernetEpoch(n.path("strategy").asText(""), n.path("epoch").asInt(),
                    n.path("epochs").asInt(), n.path("learningRate").asDouble(), doubles(n.path("trainLoss")),
                    doubles(n.path("trainAccuracy")), doubles(n.path("validationLoss")),
                    doubles(n.path("validationAccuracy")), n.has("alphaEntropy") ? n.get("alphaEntropy").asDouble()
                    : Double.NaN, n.path("seconds").asDouble(), n.has("cpuSeconds") ? n.get("cpuSeconds").asDouble()
                    : Double.NaN, n.path("cell").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
