/**
 * Architecture graphs of sampled child networks (nodes with operation and shape, edges) and their renderings
 * (Graphviz DOT). No JavaFX here: the workbench's inspector and the headless exports share these.
 */
package io.wayfinder.graph;
