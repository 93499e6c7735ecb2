/**
 * The policy networks of the reinforcement-learning strategies: the autoregressive LSTM controller of the AML /
 * M-AML / T-AML papers (two LSTM layers, action and task embeddings, a skip connection from the input to every
 * softmax head, Zoph &amp; Le's anchor-point attention for skip connections), its Adam optimiser and the per-task
 * normalised-advantage baselines. Written in plain Java arrays: the network is tiny and runs one step at a time,
 * where ND4J's per-operation overhead (40-90 microseconds) would dominate; see {@code wayfinder bench controller}.
 * Nothing here imports Deeplearning4j or JavaFX.
 */
package io.wayfinder.controller;
