package io.wayfinder.ui.editor;

/**
 * Where a decision sits in the space being edited: {@code index} in the top-level list and, inside a repeat block,
 * {@code inner} in the block's list (otherwise -1).
 */
public record DecisionRef(int index, int inner) {
    public static DecisionRef top(int index) {
        return new DecisionRef(index, -1);
    }

    public static DecisionRef inBlock(int block, int inner) {
        return new DecisionRef(block, inner);
    }

    public boolean nested() {
        return inner >= 0;
    }

    /** The JSON path the codec uses in its messages, e.g. {@code $.decisions[2].decisions[1]}. */
    public String jsonPath() {
        return "$.decisions[" + index + "]" + (nested() ? ".decisions[" + inner + "]" : "");
    }
}
