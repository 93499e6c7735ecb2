/**
 * The JavaFX workbench: one sub-package per screen ({@code shell}, {@code dashboard}, {@code editor}), each an
 * {@code XView} + {@code X.fxml} + {@code XViewModel}; view models hold properties and commands, never controls.
 */
package io.wayfinder.ui;
