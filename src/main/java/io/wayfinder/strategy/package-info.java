/**
 * Search strategies: random search (RS) and the controller-based ones. A strategy only proposes configurations and
 * observes frozen results; the search loop in {@code io.wayfinder.exec} owns everything else.
 */
package io.wayfinder.strategy;
