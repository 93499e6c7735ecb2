/**
 * The {@code fixed} strategy: proposes configurations the project lists, in turn. Used to retrain a found
 * architecture (a one-shot search's derived cell) from scratch, once per trial seed, under the same task and
 * provenance as any other search.
 */
package io.wayfinder.strategy.fixed;
