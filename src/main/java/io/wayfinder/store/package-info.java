/**
 * Run stores behind one interface ({@link io.wayfinder.store.RunStore}): the embedded SQLite store (WAL; a second
 * process can follow a run) and an in-memory store for tests and benchmarks. Both pass one contract test suite.
 */
package io.wayfinder.store;
