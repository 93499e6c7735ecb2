package io.wayfinder.task.oneshot;

import io.wayfinder.run.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** SGD with momentum, L2 weight decay and global-norm gradient clipping (DARTS' weight optimiser), on flat weights. */
public final class SgdMomentum {
    private double[] velocity;

    public SgdMomentum(int size) {
        this.velocity = new double[size];
    }

    /** The momentum buffer (read-only use: DARTS' unrolled step needs it). */
    public double[] velocity() {
        return velocity;
    }

    /**
     * One step on the weights from {@code from} (inclusive) to {@code to} (exclusive) ranges where {@code active} is
     * true (null: all): {@code g' = clip(g) + decay * w; v = momentum * v + g'; w -= lr * v}.
     */
    public void step(double[] w, double[] gradient, double lr, double momentum, double decay, double clip,
                     boolean[] active) {
        double norm = 0;
        for (int i = 0; i < gradient.length; i++) {
            if (active == null || active[i]) {
                norm += gradient[i] * gradient[i];
            }
        }
        norm = Math.sqrt(norm);
        double scale = norm > clip ? clip / norm : 1;
        for (int i = 0; i < w.length; i++) {
            if (active != null && !active[i]) {
                continue;
            }
            double g = gradient[i] * scale + decay * w[i];
            velocity[i] = momentum * velocity[i] + g;
            w[i] -= lr * velocity[i];
        }
    }

    public void write(DataOutputStream out) throws IOException {
        StateCodec.writeDoubles(out, velocity);
    }

    public void read(DataInputStream in) throws IOException {
        double[] v = StateCodec.readDoubles(in);
        if (v.length != velocity.length) {
            throw new IllegalArgumentException("the saved momentum has " + v.length + " weights, the network "
                    + velocity.length);
        }
        velocity = v;
    }
}
