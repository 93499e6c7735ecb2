/**
 * Child networks: the only package that imports Deeplearning4j and ND4J.
 *
 * <p>The T-AML text child ({@link io.wayfinder.child.TextTrialEvaluator}, task kind {@code text}): a two-tower
 * wide-and-deep classifier ({@link io.wayfinder.child.TwoTowerNetwork}) over embedding modules from
 * {@link io.wayfinder.child.EmbeddingModules} (GloVe tables and Word2Vec tables trained here with DL4J), with the
 * mean-bag-of-words features shared across trials by {@link io.wayfinder.child.FeatureCache}.
 *
 * <p>Zoph &amp; Le conv nets: {@link io.wayfinder.child.ConvNetArchitecture} reads a configuration of a conv-net
 * space, {@link io.wayfinder.child.ConvNetPlan} wires it by the paper's rules (concatenation in depth, zero padding,
 * image input for layers with no chosen input, unconsumed outputs concatenated before global pooling) and describes
 * it as the trial's {@code graph}, {@link io.wayfinder.child.ConvNetBuilder} turns the plan into a
 * {@code ComputationGraph}, {@link io.wayfinder.child.ConvNetTrainer} trains and scores it, and
 * {@link io.wayfinder.child.ConvNetEvaluator} is the evaluator of task kind {@code image}.
 * {@link io.wayfinder.child.ConvNetBench} times a fixed net.
 *
 * <p>Recurrent cells: see {@link io.wayfinder.child.cell}.
 */
package io.wayfinder.child;
