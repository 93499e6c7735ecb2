/** The search-space editor: a view model over the space's JSON tree (edits, undo/redo, validation) and its view. */
package io.wayfinder.ui.editor;
