/**
 * Run stores behind one interface ({@link io.wayfinder.store.RunStore}), opened only through
 * {@link io.wayfinder.store.RunStores}: the embedded SQLite store (WAL; a second process can follow a run), the shared
 * PostgreSQL store (many processes on many machines; the work queue that workers claim from), and an in-memory store
 * for tests and benchmarks. All pass one contract test suite.
 */
package io.wayfinder.store;
