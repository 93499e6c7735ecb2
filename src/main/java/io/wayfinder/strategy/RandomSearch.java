package io.wayfinder.strategy;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/** RS: every slot drawn uniformly and independently. The baseline every other strategy is measured against. */
public final class RandomSearch implements Strategy {
    private final int[] sizes;
    private Rng rng;

    public RandomSearch(SearchSpace space, long seed) {
        this.sizes = space.slotSizes();
        this.rng = new Rng(seed);
    }

    @Override
    public String id() {
        return "random";
    }

    @Override
    public Configuration propose(int task) {
        int[] idx = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            idx[i] = rng.nextInt(sizes[i]);
        }
        return new Configuration(idx);
    }

    @Override
    public double logProbability(int task, Configuration configuration) {
        double lp = 0;
        for (int size : sizes) {
            lp -= Math.log(size);
        }
        return lp;
    }

    @Override
    public void observe(Observation observation) {
        // random search does not learn
    }

    @Override
    public byte[] state() {
        long[] s = rng.state();
        ByteBuffer b = ByteBuffer.allocate(8 * s.length);
        for (long x : s) {
            b.putLong(x);
        }
        return b.array();
    }

    @Override
    public void restore(byte[] state) {
        ByteBuffer b = ByteBuffer.wrap(state);
        long[] s = new long[state.length / 8];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.getLong();
        }
        rng = Rng.fromState(s);
    }

    @Override
    public boolean learns() {
        return false;
    }

    @Override
    public Optional<PolicySnapshot> policy(int task, int observations) {
        float[][] p = new float[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            p[i] = new float[sizes[i]];
            Arrays.fill(p[i], 1f / sizes[i]);
        }
        return Optional.of(new PolicySnapshot(observations, task, p));
    }
}
