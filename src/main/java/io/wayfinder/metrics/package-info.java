/**
 * The metrics of METHOD.md section 7 as pure functions of trial records: accuracy-topN (with +-2 s.e.m.),
 * trials-to-match, learning curves, quantiles and the comparison tables built from them. Nothing here reads a store,
 * prints or draws; the command line and the workbench render what these functions return.
 */
package io.wayfinder.metrics;
