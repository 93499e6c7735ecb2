/**
 * DARTS (Liu, Simonyan and Yang, 2019): gradient-based one-shot search over the NAS-Bench-201 cell, with first- and
 * second-order architecture gradients and two published remedies for its collapse onto skip connections.
 */
package io.wayfinder.strategy.darts;
