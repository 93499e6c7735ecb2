package io.wayfinder.child.cell;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A standard LSTM (no peepholes) built through the same unrolled-graph path as the searched cells, to check that
 * path against Deeplearning4j's own LSTM layer.
 */
public final class LstmCell implements CellFunction {
    private SDVariable wx;
    private SDVariable wh;
    private SDVariable bias;

    @Override
    public void declare(SameDiff sd, int input, int hidden, WeightFactory weights) {
        wx = weights.uniform(sd, "lstm_wx", 1 / Math.sqrt(input), input, 4L * hidden);
        wh = weights.uniform(sd, "lstm_wh", 1 / Math.sqrt(hidden), hidden, 4L * hidden);
        bias = weights.constant(sd, "lstm_b", 0f, 1, 4L * hidden);
    }

    @Override
    public SDVariable[] step(SameDiff sd, SDVariable x, SDVariable h, SDVariable c) {
        SDVariable[] g = sd.split(x.mmul(wx).add(h.mmul(wh)).add(bias), 4, 1);
        SDVariable i = sd.nn.sigmoid(g[0]);
        SDVariable f = sd.nn.sigmoid(g[1].add(1.0));
        SDVariable u = sd.math.tanh(g[2]);
        SDVariable o = sd.nn.sigmoid(g[3]);
        SDVariable newC = f.mul(c).add(i.mul(u));
        return new SDVariable[]{o.mul(sd.math.tanh(newC)), newC};
    }
}
