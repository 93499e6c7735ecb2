/**
 * ENAS (Pham et al., 2018) on the NAS-Bench-201 cell: the LSTM controller samples one operation per edge, the shared
 * weights of the super-network train on the sampled paths, and the controller learns with REINFORCE from the shared
 * weights' validation accuracy.
 */
package io.wayfinder.strategy.enas;
