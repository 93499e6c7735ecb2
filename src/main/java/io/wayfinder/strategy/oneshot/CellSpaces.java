package io.wayfinder.strategy.oneshot;

import io.wayfinder.run.InputException;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.task.oneshot.OneShotModel;
import java.util.List;

/** Checks that a run's search space is the cell space a super-network covers (same edges, same operations, in order). */
public final class CellSpaces {
    private CellSpaces() {
    }

    /**
     * @throws InputException naming the project's search space when a slot is not an edge with the model's operations
     */
    public static void requireMatch(SearchSpace space, OneShotModel model, String source) {
        requireMatch(space, model.edges(), model.operations(), source);
    }

    /**
     * @throws InputException naming the project's search space when a slot is not an edge with these operations
     */
    public static void requireMatch(SearchSpace space, int edges, List<String> operations, String source) {
        List<FlatDecision> slots = space.flat();
        if (slots.size() != edges) {
            throw new InputException(source, "$.searchSpace", "a cell space of " + edges
                    + " edges (e.g. spaces/nas-bench-201.json) for the one-shot super-network, found " + slots.size()
                    + " decisions in " + space.name());
        }
        for (FlatDecision d : slots) {
            List<String> names = d.choices().stream().map(c -> c.valueText()).toList();
            if (!names.equals(operations)) {
                throw new InputException(source, "$.searchSpace", "decision " + d.path() + " with the choices "
                        + operations + " in this order, found " + names);
            }
        }
    }

    /** The number of {@code skip_connect} edges of a cell. */
    public static int skips(int[] cell, List<String> operations) {
        int skip = operations.indexOf("skip_connect");
        int n = 0;
        for (int op : cell) {
            if (op == skip) {
                n++;
            }
        }
        return n;
    }

    /** A cell in NAS-Bench-201's notation, e.g. {@code |nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|...|}. */
    public static String describe(int[] cell, List<String> operations) {
        int[][] edges = {{1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {3, 2}};
        if (cell.length != edges.length) {
            return java.util.Arrays.toString(cell);
        }
        StringBuilder b = new StringBuilder("|");
        for (int e = 0; e < edges.length; e++) {
            if (e == 1 || e == 3) {
                b.append("+|");
            }
            b.append(operations.get(cell[e])).append('~').append(edges[e][1]).append('|');
        }
        return b.toString();
    }
}
