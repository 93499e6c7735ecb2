package io.wayfinder.strategy.fixed;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.project.Settings;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code fixed} strategy's provider: {@code configurations} lists what to propose. */
public final class FixedProvider implements StrategyProvider<FixedProvider.FixedSettings> {

    /**
     * @param configurations as written in the project: each an object of decision path to value, or (for a
     *                       NAS-Bench-201 cell space) a cell in NAS-Bench-201's notation
     * @param source         the project file, for errors
     * @param path           the settings' JSON path, for errors
     */
    public record FixedSettings(List<JsonNode> configurations, String source, String path) {
    }

    static final List<SettingDoc> DOCS = List.of(new SettingDoc("configurations", "a non-empty list", "(required)",
            "the configurations to propose in turn: objects of decision path to value, or NAS-Bench-201 cells as "
                    + "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|...~0|...~1|...~2|"));

    @Override
    public String id() {
        return "fixed";
    }

    @Override
    public String label() {
        return "Fixed";
    }

    @Override
    public String summary() {
        return "fixed: proposes the listed configurations in turn (e.g. to retrain a found cell with several seeds)";
    }

    @Override
    public List<SettingDoc> settings() {
        return DOCS;
    }

    @Override
    public FixedSettings parse(Settings settings) {
        settings.requireOnly(StrategyProvider.keys(DOCS));
        JsonNode list = settings.node().get("configurations");
        String where = settings.path() + ".configurations";
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InputException(settings.source(), where, "a non-empty list of configurations");
        }
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return new FixedSettings(items, settings.source(), where);
    }

    @Override
    public Strategy create(FixedSettings settings, StrategyContext context) {
        List<Configuration> out = new ArrayList<>();
        for (int i = 0; i < settings.configurations().size(); i++) {
            JsonNode n = settings.configurations().get(i);
            String place = settings.path() + "[" + i + "]";
            try {
                Configuration c = n.isTextual() ? cell(context.space(), n.asText())
                        : context.space().configuration(values(n));
                if (!context.space().allows(c)) {
                    throw new IllegalArgumentException("the search space's constraints forbid it");
                }
                out.add(c);
            } catch (IllegalArgumentException e) {
                throw new InputException(settings.source(), place, "a configuration of " + context.space().name()
                        + " (" + e.getMessage() + ")");
            }
        }
        return new FixedConfigurations(out, context.taskCount());
    }

    private static Map<String, Object> values(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("an object of decision path to value or a cell string");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class)));
        return m;
    }

    /** A cell in NAS-Bench-201 notation, its edges in the space's slot order (e_1_0, e_2_0, e_2_1, e_3_0, ...). */
    static Configuration cell(SearchSpace space, String text) {
        List<String> ops = new ArrayList<>();
        for (String node : text.split("\\+")) {
            String t = node.trim();
            if (!t.startsWith("|") || !t.endsWith("|") || t.length() < 2) {
                throw new IllegalArgumentException("not NAS-Bench-201 notation: " + text);
            }
            int input = 0;
            for (String edge : t.substring(1, t.length() - 1).split("\\|")) {
                String[] parts = edge.split("~");
                if (parts.length != 2 || !parts[1].equals(String.valueOf(input))) {
                    throw new IllegalArgumentException("edge \"" + edge + "\" is not op~" + input + " in " + text);
                }
                ops.add(parts[0]);
                input++;
            }
        }
        List<FlatDecision> flat = space.flat();
        if (ops.size() != flat.size()) {
            throw new IllegalArgumentException("the cell has " + ops.size() + " edges, the space " + flat.size()
                    + " decisions");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            m.put(flat.get(i).path(), ops.get(i));
        }
        return space.configuration(m);
    }

    @Override
    public Set<LiveView> views() {
        return Set.of();
    }

    @Override
    public boolean anySpace() {
        // the contract suite's toy space has no configuration list to propose from
        return false;
    }

    @Override
    public boolean trainsNetworks() {
        return false;
    }
}
