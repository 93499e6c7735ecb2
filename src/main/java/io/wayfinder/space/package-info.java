/**
 * Search spaces: an ordered list of decisions (categorical, repeated per-layer blocks, skip connections), their
 * expansion into configuration slots, and the JSON codec with validation that names file, JSON path and expectation.
 * No Deeplearning4j, no JavaFX.
 */
package io.wayfinder.space;
