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
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

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

    /** The graph configuration of a plan, seeded, trained with Adam at a constant {@code learningRate}. */
    public static ComputationGraphConfiguration configuration(ConvNetPlan plan, long seed, double learningRate) {
        return configuration(plan, seed, learningRate, "constant", 0);
    }

    /**
     * The graph configuration of a plan, seeded, trained with Adam whose learning rate starts at {@code learningRate}
     * and follows {@code schedule}: {@code constant}, or {@code linear} / {@code cosine} decay to zero at minibatch
     * {@code iterations} (the child's whole training).
     */
    public static ComputationGraphConfiguration configuration(ConvNetPlan plan, long seed, double learningRate,
                                                              String schedule, int iterations) {
        ConvNetPlan.Node image = plan.nodes().get(0);
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRateSchedule(learningRate, schedule, iterations)))
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
     * The learning rate by minibatch (iteration) for {@code schedule}; decays reach zero at {@code iterations}. (Not
     * DL4J's {@code PolySchedule}: in 1.0.0-M2.1 its value grows with the iteration instead of decaying.)
     */
    static ISchedule learningRateSchedule(double learningRate, String schedule, int iterations) {
        if (schedule.equals("constant")) {
            return new FixedSchedule(learningRate);
        }
        if (!schedule.equals("linear") && !schedule.equals("cosine")) {
            throw new IllegalArgumentException("unknown learning-rate schedule " + schedule
                    + " (constant, linear, cosine)");
        }
        int n = Math.max(1, iterations);
        Map<Integer, Double> values = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            double done = (double) i / n;
            values.put(i, learningRate * (schedule.equals("linear") ? 1 - done : 0.5 * (1 + Math.cos(Math.PI * done))));
        }
        values.put(n, 0.0);
        return new MapSchedule(ScheduleType.ITERATION, values);
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
