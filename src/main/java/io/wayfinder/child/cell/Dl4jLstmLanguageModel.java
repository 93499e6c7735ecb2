package io.wayfinder.child.cell;

import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deeplearning4j's own LSTM layer in the same language model (embedding, LSTM, softmax over the vocabulary, Adam,
 * zero state per window): the reference the cell path is checked against.
 */
public final class Dl4jLstmLanguageModel implements LanguageModel {
    private final MultiLayerNetwork net;
    private final LanguageModelSettings settings;

    public Dl4jLstmLanguageModel(int vocabulary, LanguageModelSettings s) {
        this.settings = s;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(s.learningRate()))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocabulary).nOut(s.embedding())
                        .inputLength(s.steps()).outputDataFormat(RNNFormat.NCW).build())
                .layer(new LSTM.Builder().nIn(s.embedding()).nOut(s.hidden()).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.SPARSE_MCXENT).nIn(s.hidden())
                        .nOut(vocabulary).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
    }

    private DataSet dataSet(int[][] batch) {
        INDArray x = Nd4j.createFromArray(batch[0]).reshape(settings.batch(), settings.steps()).castTo(DataType.FLOAT);
        INDArray y = Nd4j.createFromArray(batch[1]).reshape(settings.batch(), 1, settings.steps())
                .castTo(DataType.FLOAT);
        return new DataSet(x, y);
    }

    @Override
    public int trainEpoch(int[] tokens, int epoch, BooleanSupplier cancelled) {
        return Sequences.epoch(tokens, settings.steps(), settings.batch(), settings.seed(), epoch, cancelled,
                batch -> net.fit(dataSet(batch)));
    }

    @Override
    public double perplexity(int[] tokens) {
        double nll = 0;
        long count = 0;
        for (int[][] batch : Sequences.batches(tokens, settings.steps(), settings.batch(), null)) {
            INDArray x = Nd4j.createFromArray(batch[0]).reshape(settings.batch(), settings.steps())
                    .castTo(DataType.FLOAT);
            INDArray p = net.output(x); // [batch, vocabulary, steps]
            for (int k = 0; k < settings.batch(); k++) {
                for (int t = 0; t < settings.steps(); t++) {
                    double prob = p.getDouble(k, batch[1][k * settings.steps() + t], t);
                    nll -= Math.log(Math.max(prob, 1e-30));
                    count++;
                }
            }
        }
        return Math.exp(nll / count);
    }

    @Override
    public void close() {
        net.close();
    }
}
