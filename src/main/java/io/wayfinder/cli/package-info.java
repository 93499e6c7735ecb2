/**
 * The headless command line (picocli): run, resume, runs, show, export, validate, format, bench.
 */
package io.wayfinder.cli;
