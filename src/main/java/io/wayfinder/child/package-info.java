/**
 * Child networks: the only package that imports Deeplearning4j and ND4J.
 *
 * <p>Zoph &amp; Le conv nets: {@link io.wayfinder.child.ConvNetArchitecture} reads a configuration of a conv-net
 * space, {@link io.wayfinder.child.ConvNetPlan} wires it by the paper's rules (concatenation in depth, zero padding,
 * image input for layers with no chosen input, unconsumed outputs concatenated before global pooling) and describes
 * it as the trial's {@code graph}, {@link io.wayfinder.child.ConvNetBuilder} turns the plan into a
 * {@code ComputationGraph}, {@link io.wayfinder.child.ConvNetTrainer} trains and scores it, and
 * {@link io.wayfinder.child.ConvNetEvaluator} is the evaluator of task kind {@code image}.
 * {@link io.wayfinder.child.ConvNetBench} times a fixed net.
 */
package io.wayfinder.child;
