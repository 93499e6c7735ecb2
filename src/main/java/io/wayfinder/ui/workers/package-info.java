/**
 * The Workers screen: a distributed run's worker processes and which of them trained each trial, read from the shared
 * store with the same queries as {@code wayfinder runs}.
 */
package io.wayfinder.ui.workers;
