package io.wayfinder.child;

import io.wayfinder.space.Choice;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The layers of a Zoph &amp; Le conv net read from a configuration of a space with a repeat block whose layers have
 * the decisions {@code filterHeight}, {@code filterWidth}, {@code filters}, optionally {@code stride}, and a skip
 * decision (one yes/no slot per earlier layer), as in {@code sample-projects/spaces/zoph-le-convnet.json}.
 *
 * @param layers the layers in order
 */
public record ConvNetArchitecture(List<ConvLayerSpec> layers) {
    public ConvNetArchitecture {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a conv net needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            for (int source : layers.get(i).inputs()) {
                if (source < 0 || source >= i) {
                    throw new IllegalArgumentException("layer " + i + " cannot take input from layer " + source
                            + " (only earlier layers)");
                }
            }
        }
    }

    /**
     * Reads the architecture a configuration chose.
     *
     * @throws IllegalArgumentException naming the missing decision when the space is not a conv-net space
     */
    public static ConvNetArchitecture from(SearchSpace space, Configuration configuration) {
        TreeMap<Integer, int[]> sizes = new TreeMap<>();
        TreeMap<Integer, List<Integer>> inputs = new TreeMap<>();
        for (FlatDecision f : space.flat()) {
            if (f.layer() < 0) {
                continue;
            }
            int[] v = sizes.computeIfAbsent(f.layer(), k -> new int[] {0, 0, 0, 1});
            inputs.computeIfAbsent(f.layer(), k -> new ArrayList<>());
            Choice c = f.choices().get(configuration.get(f.index()));
            if (f.kind() == FlatDecision.Kind.SKIP) {
                if (Boolean.TRUE.equals(c.value())) {
                    inputs.get(f.layer()).add(f.source());
                }
                continue;
            }
            switch (f.decision()) {
                case "filterHeight" -> v[0] = number(f, c);
                case "filterWidth" -> v[1] = number(f, c);
                case "filters" -> v[2] = number(f, c);
                case "stride" -> v[3] = number(f, c);
                default -> throw new IllegalArgumentException("a conv-net space has no decision " + f.path()
                        + " (known: filterHeight, filterWidth, filters, stride and a skip decision)");
            }
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("search space " + space.name() + " has no repeated layers: an image "
                    + "task needs a conv-net space such as spaces/zoph-le-convnet.json");
        }
        List<ConvLayerSpec> layers = new ArrayList<>();
        for (var e : sizes.entrySet()) {
            int[] v = e.getValue();
            String[] names = {"filterHeight", "filterWidth", "filters"};
            for (int k = 0; k < 3; k++) {
                if (v[k] == 0) {
                    throw new IllegalArgumentException("search space " + space.name() + " has no decision layer["
                            + e.getKey() + "]." + names[k] + " needed for a conv net");
                }
            }
            List<Integer> in = inputs.get(e.getKey());
            in.sort(null);
            layers.add(new ConvLayerSpec(v[0], v[1], v[2], v[3], in));
        }
        return new ConvNetArchitecture(layers);
    }

    private static int number(FlatDecision f, Choice c) {
        if (!(c.value() instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(f.path() + " must be a whole number, found " + c.value());
        }
        return n.intValue();
    }
}
