package io.wayfinder.controller;

import java.util.Arrays;

/**
 * Per-task reward baselines for REINFORCE (METHOD.md section 3): for each task an exponential moving average of the
 * reward, b, and of its squared deviation, sigma^2, both bias-corrected like Adam's moments. The normalised advantage
 * {@code (R - b) / sigma} lets tasks with different reward scales share one controller. A task's first reward only
 * sets its baseline (advantage 0); the advantage is clipped to +-{@link #CLIP}.
 */
public final class TaskBaselines {
    public static final double CLIP = 5;

    private final double decay;
    private final double[] mean;
    private final double[] deviation;
    private final long[] count;

    public TaskBaselines(int tasks, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("baseline decay must be in (0, 1), found " + decay);
        }
        this.decay = decay;
        this.mean = new double[tasks];
        this.deviation = new double[tasks];
        this.count = new long[tasks];
    }

    /** The normalised advantage of a reward for a task, then folds the reward into that task's averages. */
    public double advantage(int task, double reward) {
        double advantage = 0;
        if (count[task] > 0) {
            double b = baseline(task);
            double sigma = Math.sqrt(count[task] > 1 ? deviation[task] / (1 - Math.pow(decay, count[task] - 1)) : 0);
            double diff = reward - b;
            if (sigma > 1e-12) {
                advantage = Math.max(-CLIP, Math.min(CLIP, diff / sigma));
            } else if (diff != 0) {
                advantage = Math.signum(diff);
            }
            deviation[task] = decay * deviation[task] + (1 - decay) * diff * diff;
        }
        mean[task] = decay * mean[task] + (1 - decay) * reward;
        count[task]++;
        return advantage;
    }

    /** The bias-corrected moving average of a task's rewards (0 before any). */
    public double baseline(int task) {
        return count[task] == 0 ? 0 : mean[task] / (1 - Math.pow(decay, count[task]));
    }

    public int tasks() {
        return mean.length;
    }

    double[] state() {
        double[] s = new double[3 * mean.length];
        for (int t = 0; t < mean.length; t++) {
            s[3 * t] = mean[t];
            s[3 * t + 1] = deviation[t];
            s[3 * t + 2] = count[t];
        }
        return s;
    }

    void restore(double[] s) {
        if (s.length != 3 * mean.length) {
            throw new IllegalArgumentException("baseline state has the wrong size");
        }
        for (int t = 0; t < mean.length; t++) {
            mean[t] = s[3 * t];
            deviation[t] = s[3 * t + 1];
            count[t] = (long) s[3 * t + 2];
        }
    }

    @Override
    public String toString() {
        return "TaskBaselines" + Arrays.toString(mean);
    }
}
