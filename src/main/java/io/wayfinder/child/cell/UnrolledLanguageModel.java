package io.wayfinder.child.cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A language model whose recurrent cell is any {@link CellFunction}, unrolled over a fixed window in a SameDiff graph:
 * embedding lookup, the cell at every step (state starts at zero per window), a softmax over the vocabulary at every
 * step, sparse cross-entropy, Adam.
 */
public final class UnrolledLanguageModel implements LanguageModel {
    private final SameDiff sd;
    private final LanguageModelSettings settings;

    public UnrolledLanguageModel(CellFunction cell, int vocabulary, LanguageModelSettings s) {
        QuietSameDiff.install();
        this.settings = s;
        this.sd = SameDiff.create();
        WeightFactory w = new WeightFactory(s.seed());
        int b = s.batch();
        int t = s.steps();
        SDVariable x = sd.placeHolder("x", DataType.INT, b, t);
        SDVariable y = sd.placeHolder("y", DataType.INT, (long) b * t);
        SDVariable emb = w.uniform(sd, "embedding", 0.1, vocabulary, s.embedding());
        cell.declare(sd, s.embedding(), s.hidden(), w);
        SDVariable out = w.uniform(sd, "out_w", 1 / Math.sqrt(s.hidden()), s.hidden(), vocabulary);
        SDVariable outB = w.constant(sd, "out_b", 0f, 1, vocabulary);
        // one embedding product for the whole window (Gather's gradient cannot be used twice in one graph in M2.1)
        SDVariable embedded = sd.oneHot(x.reshape((long) b * t), vocabulary).castTo(DataType.FLOAT).mmul(emb)
                .reshape(b, t, s.embedding());
        SDVariable[] xs = sd.unstack(embedded, 1, t);
        SDVariable h = sd.zero("h0", DataType.FLOAT, b, s.hidden());
        SDVariable c = sd.zero("c0", DataType.FLOAT, b, s.hidden());
        List<SDVariable> hs = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            SDVariable[] hc = cell.step(sd, xs[i], h, c);
            h = hc[0];
            c = hc[1];
            hs.add(h);
        }
        SDVariable flat = sd.stack(1, hs.toArray(new SDVariable[0])).reshape((long) b * t, s.hidden());
        SDVariable logits = flat.mmul(out).add(outB);
        SDVariable loss = sd.mean("loss", sd.loss.sparseSoftmaxCrossEntropy(logits, y));
        sd.setLossVariables(loss);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(s.learningRate()))
                .dataSetFeatureMapping("x").dataSetLabelMapping("y").build());
    }

    @Override
    public int trainEpoch(int[] tokens, int epoch, BooleanSupplier cancelled) {
        return Sequences.epoch(tokens, settings.steps(), settings.batch(), settings.seed(), epoch, cancelled, batch -> {
            INDArray x = Nd4j.createFromArray(batch[0]).reshape(settings.batch(), settings.steps());
            INDArray y = Nd4j.createFromArray(batch[1]);
            sd.fit(new DataSet(x, y));
        });
    }

    @Override
    public double perplexity(int[] tokens) {
        double sum = 0;
        int n = 0;
        for (int[][] batch : Sequences.batches(tokens, settings.steps(), settings.batch(), null)) {
            INDArray x = Nd4j.createFromArray(batch[0]).reshape(settings.batch(), settings.steps());
            INDArray y = Nd4j.createFromArray(batch[1]);
            Map<String, INDArray> out = sd.output(Map.of("x", x, "y", y), "loss");
            sum += out.get("loss").getDouble(0);
            n++;
        }
        return Math.exp(sum / n);
    }

    @Override
    public void close() {
        sd.clearPlaceholders(true);
        sd.clearOpInputs();
    }
}
