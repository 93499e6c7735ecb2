package io.wayfinder.ui.editor;

/** One choice of the selected decision as the editor shows it. */
public record ChoiceRow(int index, ValueType type, String value, String label) {
}
