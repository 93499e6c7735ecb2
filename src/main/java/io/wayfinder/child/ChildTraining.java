package io.wayfinder.child;

import java.util.Arrays;
import java.util.List;

/**
 * How a text child is optimised (task settings {@code optimizer} and {@code gradientClipping}); recorded in every
 * trial's provenance.
 *
 * @param optimizer        see {@link Optimizer}
 * @param gradientClipping 0 = off; otherwise each layer's gradient is scaled down to this L2 norm when it is longer
 *                         (Deeplearning4j's {@code ClipL2PerLayer}, applied before the updater)
 */
public record ChildTraining(Optimizer optimizer, double gradientClipping) {
    /**
     * The text task's default (task settings absent): proximal Adagrad, as METHOD.md section 5 and the paper; chosen
     * over {@link #ADAGRAD} by a paired measurement on validation with tuning seed 1000 (resources/benchmarks.md,
     * "Text child: wide features, proximal Adagrad, divergence"). No gradient clipping.
     */
    public static final ChildTraining TASK_DEFAULT = new ChildTraining(Optimizer.PROXIMAL_ADAGRAD, 0);

    /**
     * The child's training before the {@code optimizer} setting existed (Adagrad with L1/L2 added to the gradient, no
     * clipping): what {@code "optimizer": "adagrad"} selects, and what the trainer's shorter constructors use.
     */
    public static final ChildTraining ADAGRAD = new ChildTraining(Optimizer.ADAGRAD, 0);

    public ChildTraining {
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        if (!(gradientClipping >= 0) || Double.isInfinite(gradientClipping)) {
            throw new IllegalArgumentException("gradientClipping must be 0 (off) or a positive L2 norm, found "
                    + gradientClipping);
        }
    }

    /** The optimiser of both towers. */
    public enum Optimizer {
        /**
         * Deeplearning4j's Adagrad per tower; L1 (wide) and L2 (deep) are added to the gradient before the Adagrad
         * step, so L1 shrinks wide weights towards zero without making them exactly zero.
         */
        ADAGRAD("adagrad"),
        /**
         * Proximal Adagrad as the paper's (and TensorFlow's {@code ProximalAdagradOptimizer}): the Adagrad step on the
         * loss alone, then per weight the closed-form proximal step of the penalty with that weight's own step size
         * a = learning rate / (sqrt(accumulated squared gradients) + epsilon): L1 soft-thresholds
         * (w = sign(w) max(0, |w| - a l1): exact zeros), L2 shrinks (w = w / (1 + a l2)). Rows of a token lookup (the
         * wide weights, a fine-tuned embedding table) that got no gradient in a step are left alone, as TensorFlow's
         * sparse update does. The training loss Deeplearning4j reports (the loss curve, {@code finalLoss}) is then the
         * data loss alone, without the penalty that the {@code adagrad} path's loss includes.
         */
        PROXIMAL_ADAGRAD("proximal-adagrad");

        private final String id;

        Optimizer(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static List<String> ids() {
            return Arrays.stream(values()).map(Optimizer::id).toList();
        }

        public static Optimizer of(String id) {
            for (Optimizer o : values()) {
                if (o.id.equals(id)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("optimizer must be one of " + ids() + ", found \"" + id + "\"");
        }
    }

    /** The provenance line. */
    public String describe() {
        String o = optimizer == Optimizer.ADAGRAD
                ? "adagrad: Adagrad per tower (DL4J), L1/L2 added to the gradient"
                : "proximal-adagrad: Adagrad per tower (DL4J) on the loss, then a closed-form proximal step per weight "
                        + "(L1 soft-threshold on the wide tower, L2 shrink on the deep tower)";
        return o + (gradientClipping > 0 ? "; gradients clipped to L2 norm " + gradientClipping + " per layer"
                : "; no gradient clipping");
    }
}
