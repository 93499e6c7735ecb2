package io.wayfinder.strategy.oneshot;

import io.wayfinder.run.Rng;

/** Minibatches of a one-shot search's examples and the finiteness check of a pass, shared by DARTS and ENAS. */
public final class Batches {
    private Batches() {
    }

    /** A seeded random order of {@code 0..n-1} (Fisher-Yates, drawing from {@code rng}). */
    public static int[] permutation(int n, Rng rng) {
        return rng.permutation(n);
    }

    /** The {@code step}-th batch of a permutation, wrapping around when the split is shorter. */
    public static int[] slice(int[] order, int step, int batch) {
        int[] b = new int[Math.min(batch, order.length)];
        for (int i = 0; i < b.length; i++) {
            b[i] = order[(step * batch + i) % order.length];
        }
        return b;
    }

    /** Whether a pass's loss and every component of its gradient are finite. */
    public static boolean finite(double loss, double[] gradient) {
        boolean ok = Double.isFinite(loss);
        for (int i = 0; ok && i < gradient.length; i++) {
            ok = Double.isFinite(gradient[i]);
        }
        return ok;
    }
}
