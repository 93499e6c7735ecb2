package io.wayfinder.child.cell;

import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recurrent cell of Zoph &amp; Le's base-8 tree (sample-projects/spaces/nas-cell.json): leaves 0-7 each combine
 * {@code x_t W_i} with {@code h_{t-1} U_i}; inner nodes 8-14 combine pairs ({@code 8 = (0,1), 9 = (2,3),
 * 10 = (4,5), 11 = (6,7), 12 = (8,9), 13 = (10,11), 14 = (12,13)}), each node applying its activation; node 14 is
 * {@code h_t}. The memory cell: {@code c_{t-1}} is combined into the output of inner node {@code injectNode} (then
 * {@code injectActivation}), and {@code c_t} is the pre-activation value of leaf {@code readNode}.
 */
public record CellSpec(List<String> combinations, List<String> activations, int injectNode, String injectCombination,
                       String injectActivation, int readNode) {
    public static final int LEAVES = 8;
    public static final int NODES = 15;

    public CellSpec {
        if (combinations.size() != NODES || activations.size() != NODES) {
            throw new IllegalArgumentException("a base-8 cell has " + NODES + " nodes");
        }
        if (injectNode < LEAVES || injectNode >= NODES - 1 || readNode < 0 || readNode >= LEAVES) {
            throw new IllegalArgumentException("inject node must be 8..13 and read node 0..7");
        }
        combinations = List.copyOf(combinations);
        activations = List.copyOf(activations);
    }

    /** The two children of inner node {@code n} (8..14). */
    public static int[] children(int n) {
        int k = n - LEAVES;
        int first = k < 4 ? 2 * k : LEAVES + 2 * (k - 4);
        return new int[]{first, first + 1};
    }

    /** Decodes a configuration of the NAS cell space. */
    public static CellSpec of(SearchSpace space, Configuration c) {
        Map<String, Object> v = space.values(c);
        List<String> comb = new ArrayList<>();
        List<String> act = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            comb.add(String.valueOf(require(v, "node[" + i + "].combination")));
            act.add(String.valueOf(require(v, "node[" + i + "].activation")));
        }
        return new CellSpec(comb, act, ((Number) require(v, "cellInjectNode")).intValue(),
                String.valueOf(require(v, "cellInjectCombination")), String.valueOf(require(v, "cellInjectActivation")),
                ((Number) require(v, "cellReadNode")).intValue());
    }

    private static Object require(Map<String, Object> v, String path) {
        Object o = v.get(path);
        if (o == null) {
            throw new IllegalArgumentException("the search space has no slot " + path
                    + " (a recurrent-cell task needs the nas-cell space)");
        }
        return o;
    }
}
