package io.wayfinder.strategy.ppo;

import io.wayfinder.controller.LstmController;
import java.util.List;

/**
 * PPO's clipped surrogate objective (Schulman et al. 2017) for the LSTM controller, as a loss to minimise over a
 * buffer of trials: {@code L = -(1/n) sum_i [min(r_i A_i, clip(r_i, 1-eps, 1+eps) A_i) + entropy * H_i]} with
 * {@code r_i = pi(c_i | t_i) / pi_old(c_i | t_i)}. Its gradient is {@code -(1/n) A_i r_i grad log pi(c_i)} where the
 * unclipped term is the smaller one, zero where the clipped one is (the ratio already moved past the trust region in
 * the advantage's direction), plus the entropy bonus.
 */
public final class ClippedSurrogate {

    /** One trial in the buffer: the task (the controller's local index), configuration, advantage and old log-prob. */
    public record Sample(int task, int[] configuration, double advantage, double oldLogProbability) {
    }

    private ClippedSurrogate() {
    }

    /** The loss at the controller's current weights. */
    public static double loss(LstmController c, List<Sample> samples, double clip, double entropy) {
        double sum = 0;
        for (Sample s : samples) {
            double logp = c.logProbability(s.task(), s.configuration());
            double h = -c.loss(s.task(), s.configuration(), 0, 1);
            double r = Math.exp(logp - s.oldLogProbability());
            double clipped = Math.max(1 - clip, Math.min(1 + clip, r));
            sum += -Math.min(r * s.advantage(), clipped * s.advantage()) - entropy * h;
        }
        return sum / samples.size();
    }

    /**
     * Adds the gradient of {@link #loss} to the controller's gradients (zero them first). Returns the share of samples
     * whose ratio was clipped.
     */
    public static double accumulate(LstmController c, List<Sample> samples, double clip, double entropy) {
        int n = samples.size();
        int clippedCount = 0;
        for (Sample s : samples) {
            double logp = c.logProbability(s.task(), s.configuration());
            double r = Math.exp(logp - s.oldLogProbability());
            double a = s.advantage();
            boolean clipped = a >= 0 ? r > 1 + clip : r < 1 - clip;
            if (clipped) {
                clippedCount++;
            }
            c.accumulateGradient(s.task(), s.configuration(), clipped ? 0 : a * r / n, entropy / n);
        }
        return n == 0 ? 0 : (double) clippedCount / n;
    }
}
