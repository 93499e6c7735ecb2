package io.wayfinder.controller;

import io.wayfinder.run.Rng;
import io.wayfinder.space.SearchSpace;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The critic of the MNMS actor-critic (seed 000): a value network {@code Q(task, configuration)} that predicts the
 * (normalised) reward of a configuration on a task, trained by regression on a replay bank. One hidden tanh layer
 * over the one-hot choices of every slot and the one-hot task: {@code Q = w2 . tanh(W1 x + b1) + b2}. It keeps a
 * Polyak-averaged copy of its weights (the target network, {@code target = tau * weights + (1 - tau) * target}), which
 * is what the actor's baseline reads. Plain Java, like the controller.
 */
public final class Critic {
    /** One regression example: a task, a configuration and the value to predict. */
    public record Example(int task, int[] configuration, double target) {
    }

    private final int hidden;
    private final int[] slotOffset;
    private final int taskOffset;
    private final int inputs;
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private final double[] params;
    private final double[] targetParams;
    private final double[] grads;
    private final Adam adam;

    public Critic(SearchSpace space, int tasks, int hidden, double learningRate, Rng rng) {
        if (hidden < 1 || tasks < 1) {
            throw new IllegalArgumentException("the critic needs at least one hidden unit and one task");
        }
        this.hidden = hidden;
        int[] sizes = space.slotSizes();
        slotOffset = new int[sizes.length];
        int n = 0;
        for (int s = 0; s < sizes.length; s++) {
            slotOffset[s] = n;
            n += sizes[s];
        }
        taskOffset = n;
        inputs = n + tasks;
        w1 = 0;
        b1 = hidden * inputs;
        w2 = b1 + hidden;
        b2 = w2 + hidden;
        params = new double[b2 + 1];
        double range = 1 / Math.sqrt(sizes.length + 1.0);
        for (int i = 0; i < b1; i++) {
            params[i] = (rng.nextDouble() * 2 - 1) * range;
        }
        // output weights start at zero: the first baseline is the running mean (0 in standardised units), not a random
        // guess that would bias every early advantage
        targetParams = params.clone();
        grads = new double[params.length];
        adam = new Adam(params.length, learningRate);
    }

    public double[] parameters() {
        return params;
    }

    public double[] gradients() {
        return grads;
    }

    /** The prediction of the trained weights. */
    public double predict(int task, int[] configuration) {
        return forward(params, task, configuration, null);
    }

    /** The prediction of the Polyak-averaged target weights. */
    public double predictTarget(int task, int[] configuration) {
        return forward(targetParams, task, configuration, null);
    }

    private double forward(double[] w, int task, int[] configuration, double[] hiddenOut) {
        double out = w[b2];
        for (int k = 0; k < hidden; k++) {
            int row = w1 + k * inputs;
            double z = w[b1 + k] + w[row + taskOffset + task];
            for (int s = 0; s < configuration.length; s++) {
                z += w[row + slotOffset[s] + configuration[s]];
            }
            double h = Math.tanh(z);
            if (hiddenOut != null) {
                hiddenOut[k] = h;
            }
            out += w[w2 + k] * h;
        }
        return out;
    }

    /** The mean squared error {@code (1/n) sum 0.5 (Q - target)^2} over examples, at the trained weights. */
    public double loss(List<Example> examples) {
        double sum = 0;
        for (Example e : examples) {
            double d = predict(e.task(), e.configuration()) - e.target();
            sum += 0.5 * d * d;
        }
        return sum / examples.size();
    }

    /** Adds the gradient of {@link #loss} to {@link #gradients()} (zero them first); returns the loss. */
    public double accumulateGradient(List<Example> examples) {
        double[] h = new double[hidden];
        double sum = 0;
        int n = examples.size();
        for (Example e : examples) {
            double d = forward(params, e.task(), e.configuration(), h) - e.target();
            sum += 0.5 * d * d;
            double dOut = d / n;
            grads[b2] += dOut;
            for (int k = 0; k < hidden; k++) {
                grads[w2 + k] += dOut * h[k];
                double dz = dOut * params[w2 + k] * (1 - h[k] * h[k]);
                if (dz == 0) {
                    continue;
                }
                int row = w1 + k * inputs;
                grads[b1 + k] += dz;
                grads[row + taskOffset + e.task()] += dz;
                int[] c = e.configuration();
                for (int s = 0; s < c.length; s++) {
                    grads[row + slotOffset[s] + c[s]] += dz;
                }
            }
        }
        return sum / n;
    }

    public void zeroGradients() {
        java.util.Arrays.fill(grads, 0);
    }

    /** One regression step on a minibatch, then the Polyak update of the target weights; returns the loss before. */
    public double train(List<Example> examples, double polyak) {
        zeroGradients();
        double loss = accumulateGradient(examples);
        adam.step(params, grads);
        for (int i = 0; i < params.length; i++) {
            targetParams[i] = polyak * params[i] + (1 - polyak) * targetParams[i];
        }
        return loss;
    }

    /** Weights, target weights and optimiser moments. */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(params.length);
        for (int i = 0; i < params.length; i++) {
            out.writeDouble(params[i]);
            out.writeDouble(targetParams[i]);
            out.writeDouble(adam.firstMoments()[i]);
            out.writeDouble(adam.secondMoments()[i]);
        }
        out.writeLong(adam.steps());
    }

    /** Restores what {@link #write} wrote for a critic of the same shape. */
    public void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != params.length) {
            throw new IllegalArgumentException("the saved critic has " + n + " weights, expected " + params.length);
        }
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            params[i] = in.readDouble();
            targetParams[i] = in.readDouble();
            m[i] = in.readDouble();
            v[i] = in.readDouble();
        }
        adam.restore(in.readLong(), m, v);
    }
}
