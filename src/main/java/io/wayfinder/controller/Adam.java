package io.wayfinder.controller;

/**
 * Adam (Kingma &amp; Ba) over one flat parameter array, with its moments kept for checkpoints.
 */
public final class Adam {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] m;
    private double[] v;
    private long step;

    public Adam(int size, double learningRate) {
        this(size, learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(int size, double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive");
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** One descent step: {@code params -= lr * mhat / (sqrt(vhat) + eps)}. */
    public void step(double[] params, double[] grads) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        double lr = learningRate * Math.sqrt(c2) / c1;
        for (int i = 0; i < params.length; i++) {
            double g = grads[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            params[i] -= lr * m[i] / (Math.sqrt(v[i]) + epsilon * Math.sqrt(c2));
        }
    }

    public long steps() {
        return step;
    }

    double[] firstMoments() {
        return m;
    }

    double[] secondMoments() {
        return v;
    }

    void restore(long steps, double[] first, double[] second) {
        if (first.length != m.length || second.length != v.length) {
            throw new IllegalArgumentException("optimiser state has the wrong size");
        }
        this.step = steps;
        this.m = first.clone();
        this.v = second.clone();
    }
}
