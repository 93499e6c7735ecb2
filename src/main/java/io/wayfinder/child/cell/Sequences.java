package io.wayfinder.child.cell;

import io.wayfinder.run.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Cuts a token stream into (input, next-token target) windows and groups them into full minibatches. */
final class Sequences {
    private Sequences() {
    }

    /** Minibatches of {@code batch} windows of {@code steps} tokens; each int[2][batch*steps] = {inputs, targets}. */
    static List<int[][]> batches(int[] tokens, int steps, int batch, Rng shuffle) {
        int windows = (tokens.length - 1) / steps;
        int[] order = new int[windows];
        for (int i = 0; i < windows; i++) {
            order[i] = i;
        }
        if (shuffle != null) {
            for (int i = windows - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        List<int[][]> out = new ArrayList<>();
        for (int b = 0; b + batch <= windows; b += batch) {
            int[] x = new int[batch * steps];
            int[] y = new int[batch * steps];
            for (int k = 0; k < batch; k++) {
                int start = order[b + k] * steps;
                for (int t = 0; t < steps; t++) {
                    x[k * steps + t] = tokens[start + t];
                    y[k * steps + t] = tokens[start + t + 1];
                }
            }
            out.add(new int[][]{x, y});
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the token slice (" + tokens.length + ") is too short for one batch of "
                    + batch + " x " + steps);
        }
        return out;
    }

    /**
     * One training epoch: the windows shuffled with a seed fixed by the model's seed and the epoch, each full minibatch
     * handed to {@code step} until {@code cancelled} says stop. Returns the number of minibatches trained.
     */
    static int epoch(int[] tokens, int steps, int batch, long seed, int epoch, BooleanSupplier cancelled,
            Consumer<int[][]> step) {
        int n = 0;
        for (int[][] b : batches(tokens, steps, batch, new Rng(seed * 31 + epoch))) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            step.accept(b);
            n++;
        }
        return n;
    }
}
