package io.wayfinder.exec;

import io.wayfinder.task.ChildFailedException;
import io.wayfinder.task.Evaluation;
import io.wayfinder.task.TrialContext;
import io.wayfinder.task.TrialEvaluator;

/**
 * A deterministic stand-in for training in loop tests: the reward is the fraction of slots equal to a target
 * configuration (a known optimum); configurations whose first slot equals {@code failOn} fail like a diverged child.
 */
final class ToyEvaluator implements TrialEvaluator {
    private final int[] target;
    private final int failOn;
    private final boolean instant;

    ToyEvaluator(int[] target, int failOn, boolean instant) {
        this.target = target;
        this.failOn = failOn;
        this.instant = instant;
    }

    @Override
    public Evaluation evaluate(TrialContext context) {
        int[] c = context.configuration().indices();
        if (c[0] == failOn) {
            throw new ChildFailedException("loss became NaN at step 3");
        }
        int hits = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] == target[i]) {
                hits++;
            }
        }
        double r = (double) hits / c.length;
        return new Evaluation(r, r, r * 0.99, null);
    }

    @Override
    public String datasetId() {
        return "toy";
    }

    @Override
    public String datasetHash() {
        return "0".repeat(64);
    }

    @Override
    public boolean instant() {
        return instant;
    }
}
