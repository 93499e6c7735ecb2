package io.wayfinder.child;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the T-AML two-tower child (METHOD.md section 5) as a Deeplearning4j {@link ComputationGraph}.
 * <ul>
 *   <li>Deep tower: input {@code deep} (the fixed mean bag of words, [batch x dimension]) or, when fine-tuned,
 *       {@code deepIds} (token rows, [batch x tokens] with a mask) through an {@link EmbeddingSequenceLayer}
 *       initialised from the module and averaged by a masked {@link GlobalPoolingLayer}; then the hidden layers
 *       (activation, batch norm after the activation or layer norm inside the layer, dropout, L2), then a linear layer
 *       to the class logits.</li>
 *   <li>Wide tower: input {@code wideIds} (the unique known tokens, plus the bias token 0) through an
 *       {@link EmbeddingSequenceLayer} with one output per class, summed over the tokens: exactly a linear layer on
 *       the sparse bag-of-tokens indicators, without building the dense indicator matrix. L1.</li>
 *   <li>The logits of the enabled towers are added and go to one softmax cross-entropy.</li>
 * </ul>
 * Each layer has its own Adagrad updater, so each tower has its own learning rate. With the {@code adagrad} optimiser
 * regularisation is DL4J's: L1 and L2 are added to the gradient before the Adagrad step, so L1 shrinks wide weights
 * towards zero without making them exactly zero; with {@code proximal-adagrad} ({@link ChildTraining}) the layers
 * carry no regularisation and {@link ProximalAdagrad} takes the paper's closed-form proximal step after each batch.
 */
public final class TwoTowerNetwork {
    private TwoTowerNetwork() {
    }

    /**
     * The graph, the names of its inputs in order, and (with proximal Adagrad) the regularised parameters whose
     * proximal step follows every batch.
     */
    public record Built(ComputationGraph graph, List<String> inputs, List<ProximalAdagrad.Term> proximal) {
        public Built(ComputationGraph graph, List<String> inputs) {
            this(graph, inputs, List.of());
        }
    }

    /**
     * @param lookupInNetwork when true the deep tower looks its tokens up in an embedding layer every step (always so
     *                        when fine-tuned; frozen otherwise: the path without the feature cache); when false it
     *                        reads precomputed mean bags of words
     */
    public static Built build(TamlChildConfig c, int dimension, int localRows, int wideVocabulary, int classes,
                              long seed, boolean lookupInNetwork) {
        return build(c, dimension, localRows, wideVocabulary, classes, seed, lookupInNetwork, false);
    }

    /**
     * @param bags when true the token lookups are matrix products instead of {@link EmbeddingSequenceLayer}s: the
     *             wide tower reads {@code wideBag}, the 0/1 indicators of an example's tokens [batch x wide vocabulary],
     *             through a dense layer without bias (the same weights, the same sum); the fine-tuned deep tower
     *             reads {@code deepBag}, each token's share of the example [batch x local rows], through a dense layer
     *             whose weights are the embedding table (the same mean bag of words). Same parameters, same
     *             initialisation, same updates; only the order of floating-point additions differs. Faster because
     *             ND4J's scatter-add of the embedding gradient and the masked pooling were most of a step's time.
     */
    public static Built build(TamlChildConfig c, int dimension, int localRows, int wideVocabulary, int classes,
                              long seed, boolean lookupInNetwork, boolean bags) {
        return build(c, dimension, localRows, wideVocabulary, classes, seed, lookupInNetwork, bags,
                ChildTraining.ADAGRAD);
    }

    /**
     * @param training with {@link ChildTraining.Optimizer#PROXIMAL_ADAGRAD} no layer gets Deeplearning4j's L1/L2: the
     *                 regularised weights are listed in {@link Built#proximal()} for {@link ProximalAdagrad}; with
     *                 gradient clipping every layer's gradient is clipped to that L2 norm
     */
    public static Built build(TamlChildConfig c, int dimension, int localRows, int wideVocabulary, int classes,
                              long seed, boolean lookupInNetwork, boolean bags, ChildTraining training) {
        return build(c, dimension, localRows, wideVocabulary, classes, seed, lookupInNetwork, bags, false, training);
    }

    /**
     * @param sparse with {@code bags}: the two bag products are {@link SparseBagLayer}s (the same dense layers, read
     *               sparsely: their inputs list each example's tokens and weights instead of the [batch x rows]
     *               matrix; see {@link TextChildTrainer})
     */
    public static Built build(TamlChildConfig c, int dimension, int localRows, int wideVocabulary, int classes,
                              long seed, boolean lookupInNetwork, boolean bags, boolean sparse,
                              ChildTraining training) {
        boolean proximal = training.optimizer() == ChildTraining.Optimizer.PROXIMAL_ADAGRAD;
        double l2 = proximal || !c.deepTower() ? 0.0 : c.deepL2();
        double l1 = proximal || !c.wideTower() ? 0.0 : c.wideL1();
        List<ProximalAdagrad.Term> terms = new ArrayList<>();
        if (!c.deepTower() && !c.wideTower()) {
            throw new IllegalArgumentException("both towers are disabled");
        }
        var nb = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new AdaGrad(c.deepTower() ? c.deepLearningRate() : c.wideLearningRate()))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (training.gradientClipping() > 0) {
            nb.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(training.gradientClipping());
        }
        var gb = nb.graphBuilder();
        List<String> inputs = new ArrayList<>();
        List<String> logits = new ArrayList<>();
        if (c.deepTower()) {
            AdaGrad deepUpdater = new AdaGrad(c.deepLearningRate());
            String prev;
            if (bags && (c.fineTune() || lookupInNetwork)) {
                inputs.add("deepBag");
                gb.addInputs("deepBag");
                DenseLayer table = new DenseLayer.Builder().nIn(localRows).nOut(dimension).hasBias(false)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER)
                        .updater(c.fineTune() ? deepUpdater : new NoOp())
                        .l2(c.fineTune() ? l2 : 0.0).build();
                gb.addLayer("embedding", sparse ? SparseBagLayer.of(table) : table, "deepBag");
                prev = "embedding";
                if (c.fineTune()) {
                    terms.add(new ProximalAdagrad.Term("embedding", "W", 0, c.deepL2(), true));
                }
            } else if (c.fineTune() || lookupInNetwork) {
                inputs.add("deepIds");
                gb.addInputs("deepIds");
                gb.addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(localRows).nOut(dimension)
                        .hasBias(false).updater(c.fineTune() ? deepUpdater : new NoOp())
                        .l2(c.fineTune() ? l2 : 0.0).build(), "deepIds");
                gb.addLayer("meanBagOfWords", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "embedding");
                if (c.fineTune()) {
                    terms.add(new ProximalAdagrad.Term("embedding", "W", 0, c.deepL2(), true));
                }
                prev = "meanBagOfWords";
            } else {
                inputs.add("deep");
                gb.addInputs("deep");
                prev = "deep";
            }
            int nIn = dimension;
            Activation act = c.activation().equals("swish") ? Activation.SWISH : Activation.RELU;
            for (int i = 0; i < c.hiddenLayers(); i++) {
                DenseLayer.Builder d = new DenseLayer.Builder().nIn(nIn).nOut(c.hiddenSize()).activation(act)
                        .weightInit(WeightInit.XAVIER).updater(deepUpdater).l2(l2);
                if (c.normalisation().equals("layer_norm")) {
                    d.hasLayerNorm(true);
                }
                if (c.dropout() > 0) {
                    d.dropOut(1.0 - c.dropout()); // DL4J takes the probability of keeping a unit
                }
                gb.addLayer("hidden" + i, d.build(), prev);
                terms.add(new ProximalAdagrad.Term("hidden" + i, "W", 0, c.deepL2(), false));
                prev = "hidden" + i;
                if (c.normalisation().equals("batch_norm")) {
                    gb.addLayer("batchNorm" + i, new BatchNormalization.Builder().nIn(c.hiddenSize())
                            .nOut(c.hiddenSize()).updater(deepUpdater).build(), prev);
                    prev = "batchNorm" + i;
                }
                nIn = c.hiddenSize();
            }
            gb.addLayer("deepLogits", new DenseLayer.Builder().nIn(nIn).nOut(classes).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.XAVIER).updater(deepUpdater).l2(l2).build(), prev);
            terms.add(new ProximalAdagrad.Term("deepLogits", "W", 0, c.deepL2(), false));
            logits.add("deepLogits");
        }
        if (c.wideTower() && bags) {
            inputs.add("wideBag");
            gb.addInputs("wideBag");
            DenseLayer wideWeights = new DenseLayer.Builder().nIn(wideVocabulary).nOut(classes).hasBias(false)
                    .activation(Activation.IDENTITY).weightInit(WeightInit.ZERO)
                    .updater(new AdaGrad(c.wideLearningRate())).l1(l1).build();
            gb.addLayer("wideLogits", sparse ? SparseBagLayer.of(wideWeights) : wideWeights, "wideBag");
            terms.add(new ProximalAdagrad.Term("wideLogits", "W", c.wideL1(), 0, true));
            logits.add("wideLogits");
        } else if (c.wideTower()) {
            inputs.add("wideIds");
            gb.addInputs("wideIds");
            gb.addLayer("wideWeights", new EmbeddingSequenceLayer.Builder().nIn(wideVocabulary).nOut(classes)
                    .hasBias(false).weightInit(WeightInit.ZERO).updater(new AdaGrad(c.wideLearningRate()))
                    .l1(l1).build(), "wideIds");
            terms.add(new ProximalAdagrad.Term("wideWeights", "W", c.wideL1(), 0, true));
            gb.addLayer("wideLogits", new GlobalPoolingLayer.Builder(PoolingType.SUM).build(), "wideWeights");
            logits.add("wideLogits");
        }
        String last = logits.get(0);
        if (logits.size() == 2) {
            gb.addVertex("logits", new ElementWiseVertex(ElementWiseVertex.Op.Add), logits.toArray(String[]::new));
            last = "logits";
        }
        gb.addLayer("softmax", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).build(), last);
        gb.setOutputs("softmax");
        ComputationGraphConfiguration conf = gb.build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        List<ProximalAdagrad.Term> prox = proximal
                ? terms.stream().filter(t -> t.l1() > 0 || t.l2() > 0).toList() : List.of();
        return new Built(graph, inputs, prox);
    }

    /** Copies the task-local module rows into the fine-tuned embedding layer. */
    public static void loadEmbedding(ComputationGraph graph, float[] table, int rows, int dimension) {
        graph.getLayer("embedding").setParam("W", Nd4j.create(table, new long[] {rows, dimension}, 'c'));
    }
}
