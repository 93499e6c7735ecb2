package io.wayfinder.child.cell;

import io.wayfinder.run.Rng;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Creates trainable variables with seeded uniform initial values, so the same seed gives the same network. */
public final class WeightFactory {
    private final Rng rng;

    public WeightFactory(long seed) {
        this.rng = new Rng(seed);
    }

    /** A variable uniform in {@code [-range, range]}. */
    public SDVariable uniform(SameDiff sd, String name, double range, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * range);
        }
        return sd.var(name, Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT));
    }

    /** A variable filled with one value (biases). */
    public SDVariable constant(SameDiff sd, String name, float value, long... shape) {
        return sd.var(name, Nd4j.valueArrayOf(shape, value).castTo(DataType.FLOAT));
    }
}
