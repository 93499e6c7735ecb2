/**
 * Rendering of comparisons without a display: plots as SVG (written directly) and PNG (Java2D, headless AWT), the
 * paper's tables as text, CSV, Markdown and HTML, and a whole comparison as a Markdown + HTML report with its figures.
 * The workbench paints the same {@link io.wayfinder.report.Plot}s on a JavaFX canvas through
 * {@link io.wayfinder.report.PlotCanvas}, so the screen, its exports and the headless report show one drawing.
 */
package io.wayfinder.report;
