package io.wayfinder.ui.editor;

/**
 * One line of the editor's decision list.
 *
 * @param ref     where the decision is
 * @param kind    "categorical", "repeat" or "skip"
 * @param name    its name
 * @param summary what it expands to (choices, count, slots)
 * @param problem the first validation message about it, or null
 */
public record DecisionRow(DecisionRef ref, String kind, String name, String summary, String problem) {
}
