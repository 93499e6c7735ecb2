/**
 * Project files: the search space reference, tasks, strategy, budget, seed, store and execution settings, parsed once
 * by {@link io.wayfinder.project.ProjectCodec} with every problem reported as file, JSON path and expectation.
 */
package io.wayfinder.project;
