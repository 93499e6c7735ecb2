package io.wayfinder.child;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;

/**
 * The proximal half of proximal Adagrad ({@link ChildTraining.Optimizer#PROXIMAL_ADAGRAD}): after Deeplearning4j's
 * Adagrad step on the loss alone, {@link #apply()} moves each regularised weight to the closed-form minimiser of
 * {@code (w - v)^2 / (2a) + penalty(w)}, where v is the weight after the Adagrad step and a = learning rate /
 * (sqrt(h) + epsilon) its own step size, h the updater's accumulated squared gradients:
 * L1: {@code w = sign(v) max(0, |v| - a l1)}; L2 (penalty l2 w^2 / 2, as Deeplearning4j's): {@code w = v / (1 + a l2)}.
 * Reads the updater's state and the parameters through Deeplearning4j's views, so nothing is copied between steps
 * except the regularised weights themselves.
 */
final class ProximalAdagrad {

    /**
     * One regularised parameter.
     *
     * @param layer  the graph layer's name
     * @param param  the parameter's key ({@code W})
     * @param l1     L1 weight (0 = none)
     * @param l2     L2 weight (0 = none)
     * @param sparse a token lookup: weights whose gradient was 0 in the step (tokens absent from the batch) are left
     */
    record Term(String layer, String param, double l1, double l2, boolean sparse) {
    }

    private record Bound(Term term, INDArray params, INDArray history, INDArray update, double learningRate,
                         double epsilon) {
    }

    private final ComputationGraph graph;
    private final List<Term> terms;
    private List<Bound> bound;

    ProximalAdagrad(ComputationGraph graph, List<Term> terms) {
        this.graph = graph;
        this.terms = List.copyOf(terms);
    }

    /** The proximal step of every term; call after each {@code fit} of one batch. */
    void apply() {
        apply(true);
    }

    /** {@link #apply()}; {@code inPlace = false} takes the copying step everywhere (tests compare the two). */
    void apply(boolean inPlace) {
        if (terms.isEmpty()) {
            return;
        }
        if (bound == null) {
            bound = bind();
        }
        for (Bound b : bound) {
            if (inPlace) {
                step(b);
            } else {
                copyingStep(b);
            }
        }
    }

    private List<Bound> bind() {
        List<Bound> out = new ArrayList<>();
        for (Term t : terms) {
            Bound found = null;
            for (UpdaterBlock block : graph.getUpdater().getUpdaterBlocks()) {
                for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                    if (t.layer().equals(ps.getLayer().getConfig().getLayerName()) && ps.getParamName().equals(t.param())) {
                        if (!(block.getGradientUpdater().getConfig() instanceof AdaGrad cfg)) {
                            throw new IllegalStateException(t.layer() + "." + t.param() + " is not trained by Adagrad");
                        }
                        long from = ps.getParamOffsetStart() - block.getParamOffsetStart();
                        long to = ps.getParamOffsetEnd() - block.getParamOffsetStart();
                        INDArray history = block.getUpdaterView().reshape(block.getUpdaterView().length())
                                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
                        found = new Bound(t, ps.getParamView(), history, ps.getGradView(), cfg.getLearningRate(),
                                cfg.getEpsilon());
                    }
                }
            }
            if (found == null) {
                throw new IllegalStateException("no updater state for " + t.layer() + "." + t.param());
            }
            out.add(found);
        }
        return out;
    }

    private static void step(Bound b) {
        if (!contiguous(b.params()) || !contiguous(b.history()) || !contiguous(b.update())) {
            copyingStep(b);
            return;
        }
        // in place through the buffers: a sparse term writes only the weights its batch touched (a text table's
        // few dozen rows of tens of thousands), the same arithmetic as the copying step
        FloatBuffer w = b.params().data().asNioFloat();
        FloatBuffer h = b.history().data().asNioFloat();
        FloatBuffer u = b.update().data().asNioFloat();
        int wo = FloatBuffers.start(b.params(), w);
        int ho = FloatBuffers.start(b.history(), h);
        int uo = FloatBuffers.start(b.update(), u);
        int n = (int) b.params().length();
        boolean sparse = b.term().sparse();
        double l1 = b.term().l1();
        double l2 = b.term().l2();
        float[] chunk = sparse ? new float[Math.min(n, CHUNK)] : null;
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            if (sparse) {
                u.get(uo + from, chunk, 0, len); // one copy, then a tight scan for the touched weights
            }
            for (int k = 0; k < len; k++) {
                if (sparse && chunk[k] == 0f) {
                    continue;
                }
                int i = from + k;
                float v = w.get(wo + i);
                w.put(wo + i, (float) shrink(v, b.learningRate() / (Math.sqrt(h.get(ho + i)) + b.epsilon()), l1,
                        l2));
            }
        }
    }

    private static final int CHUNK = 1 << 14;

    private static boolean contiguous(INDArray a) {
        return a.isVector() && a.elementWiseStride() == 1 && a.dataType() == DataType.FLOAT;
    }

    private static void copyingStep(Bound b) {
        float[] w = b.params().toFloatVector();
        float[] h = b.history().toFloatVector();
        float[] u = b.term().sparse() ? b.update().toFloatVector() : null;
        double l1 = b.term().l1();
        double l2 = b.term().l2();
        for (int i = 0; i < w.length; i++) {
            if (u != null && u[i] == 0f) {
                continue;
            }
            w[i] = (float) shrink(w[i], b.learningRate() / (Math.sqrt(h[i]) + b.epsilon()), l1, l2);
        }
        b.params().assign(Nd4j.create(w, b.params().shape(), b.params().ordering()));
    }

    /** The closed-form proximal step of one weight v with step size a. */
    static double shrink(double v, double a, double l1, double l2) {
        double w = v;
        if (l1 > 0) {
            w = Math.signum(w) * Math.max(0, Math.abs(w) - a * l1);
        }
        if (l2 > 0) {
            w = w / (1 + a * l2);
        }
        return w;
    }
}
