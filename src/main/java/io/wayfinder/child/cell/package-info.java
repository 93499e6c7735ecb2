/**
 * Recurrent-cell children (Zoph &amp; Le's NAS cell space): cells as SameDiff graphs unrolled over a window, trained
 * as word-level language models, with an LSTM through the same path checked against Deeplearning4j's LSTM layer.
 */
package io.wayfinder.child.cell;
