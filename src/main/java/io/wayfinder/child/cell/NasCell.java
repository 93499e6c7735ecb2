package io.wayfinder.child.cell;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The searched cell of a {@link CellSpec}: all leaf projections come from one matrix product each for x and h. */
public final class NasCell implements CellFunction {
    private final CellSpec spec;
    private SDVariable wx;
    private SDVariable wh;
    private SDVariable bias;

    public NasCell(CellSpec spec) {
        this.spec = spec;
    }

    @Override
    public void declare(SameDiff sd, int input, int hidden, WeightFactory weights) {
        double rx = 1 / Math.sqrt(input);
        double rh = 1 / Math.sqrt(hidden);
        wx = weights.uniform(sd, "cell_wx", rx, input, (long) CellSpec.LEAVES * hidden);
        wh = weights.uniform(sd, "cell_wh", rh, hidden, (long) CellSpec.LEAVES * hidden);
        bias = weights.constant(sd, "cell_b", 0f, 1, (long) CellSpec.LEAVES * hidden);
    }

    @Override
    public SDVariable[] step(SameDiff sd, SDVariable x, SDVariable h, SDVariable c) {
        SDVariable[] xs = sd.split(x.mmul(wx).add(bias), CellSpec.LEAVES, 1);
        SDVariable[] hs = sd.split(h.mmul(wh), CellSpec.LEAVES, 1);
        SDVariable[] out = new SDVariable[CellSpec.NODES];
        SDVariable newC = null;
        for (int i = 0; i < CellSpec.LEAVES; i++) {
            SDVariable pre = combine(sd, spec.combinations().get(i), xs[i], hs[i]);
            if (i == spec.readNode()) {
                newC = pre;
            }
            out[i] = activate(sd, spec.activations().get(i), pre);
        }
        for (int n = CellSpec.LEAVES; n < CellSpec.NODES; n++) {
            int[] ch = CellSpec.children(n);
            out[n] = activate(sd, spec.activations().get(n),
                    combine(sd, spec.combinations().get(n), out[ch[0]], out[ch[1]]));
            if (n == spec.injectNode()) {
                out[n] = activate(sd, spec.injectActivation(), combine(sd, spec.injectCombination(), out[n], c));
            }
        }
        return new SDVariable[]{out[CellSpec.NODES - 1], newC};
    }

    static SDVariable combine(SameDiff sd, String how, SDVariable a, SDVariable b) {
        switch (how) {
            case "add":
                return a.add(b);
            case "elem_mult":
                return a.mul(b);
            default:
                throw new IllegalArgumentException("unknown combination " + how + " (add, elem_mult)");
        }
    }

    static SDVariable activate(SameDiff sd, String how, SDVariable v) {
        switch (how) {
            case "tanh":
                return sd.math.tanh(v);
            case "relu":
                return sd.nn.relu(v, 0);
            case "sigmoid":
                return sd.nn.sigmoid(v);
            case "identity":
                return v;
            default:
                throw new IllegalArgumentException("unknown activation " + how + " (tanh, relu, sigmoid, identity)");
        }
    }
}
