package io.wayfinder.child;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns a {@link ConvNetPlan} into a Deeplearning4j {@link ComputationGraphConfiguration} (NCHW, float): a
 * {@link ConvNetPlan.Op#CONV} node becomes a convolution ('same' mode, no bias) named {@code <id>_conv}, batch norm
 * {@code <id>_bn} and a ReLU named {@code <id>}; padding a {@link ZeroPaddingLayer}; concatenation a
 * {@link MergeVertex} (depth); then global average pooling and a softmax output layer with cross-entropy loss.
 * Vertex names equal plan node ids, so activation shapes can be checked against the plan.
 */
public final class ConvNetBuilder {
    private ConvNetBuilder() {
    }

    /** The graph configuration of a plan, seeded, trained with Adam at {@code learningRate}. */
    public static ComputationGraphConfiguration configuration(ConvNetPlan plan, long seed, double learningRate) {
        ConvNetPlan.Node image = plan.nodes().get(0);
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs(image.id())
                .setInputTypes(InputType.convolutional(image.height(), image.width(), image.depth()));
        for (ConvNetPlan.Node n : plan.nodes()) {
            String[] in = n.inputs().toArray(new String[0]);
            switch (n.op()) {
                case INPUT -> {
                }
                case CONV -> {
                    ConvLayerSpec c = n.conv();
                    g.addLayer(n.id() + "_conv", new ConvolutionLayer.Builder(c.filterHeight(), c.filterWidth())
                            .stride(c.stride(), c.stride())
                            .nOut(c.filters())
                            .hasBias(false)
                            .activation(Activation.IDENTITY)
                            .convolutionMode(ConvolutionMode.Same)
                            .build(), in);
                    g.addLayer(n.id() + "_bn", new BatchNormalization.Builder().build(), n.id() + "_conv");
                    g.addLayer(n.id(), new ActivationLayer.Builder().activation(Activation.RELU).build(),
                            n.id() + "_bn");
                }
                case ZERO_PAD -> {
                    int[] p = n.padding();
                    g.addLayer(n.id(), new ZeroPaddingLayer.Builder(p[0], p[1], p[2], p[3]).build(), in);
                }
                case CONCAT -> g.addVertex(n.id(), new MergeVertex(), in);
                case GLOBAL_AVG_POOL -> g.addLayer(n.id(),
                        new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
                case SOFTMAX -> g.addLayer(n.id(), new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(n.depth())
                        .activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER)
                        .build(), in);
                default -> throw new IllegalStateException("unknown op " + n.op());
            }
        }
        g.setOutputs(ConvNetPlan.OUTPUT);
        return g.build();
    }

    /**
     * The activation shapes Deeplearning4j infers for every plan node, as {@code [h, w, c]} (or {@code [1, 1, n]}
     * for feed-forward activations), keyed by node id; used to check the plan against the real graph.
     */
    public static Map<String, int[]> inferredShapes(ConvNetPlan plan, ComputationGraphConfiguration conf) {
        ConvNetPlan.Node image = plan.nodes().get(0);
        Map<String, InputType> types = conf.getLayerActivationTypes(
                InputType.convolutional(image.height(), image.width(), image.depth()));
        Map<String, int[]> out = new java.util.LinkedHashMap<>();
        for (ConvNetPlan.Node n : plan.nodes()) {
            InputType t = n.op() == ConvNetPlan.Op.INPUT
                    ? InputType.convolutional(image.height(), image.width(), image.depth()) : types.get(n.id());
            if (t instanceof InputType.InputTypeConvolutional c) {
                out.put(n.id(), new int[] {(int) c.getHeight(), (int) c.getWidth(), (int) c.getChannels()});
            } else if (t instanceof InputType.InputTypeFeedForward ff) {
                out.put(n.id(), new int[] {1, 1, (int) ff.getSize()});
            } else {
                throw new IllegalStateException("no activation type for node " + n.id() + ": " + t);
            }
        }
        return out;
    }
}
