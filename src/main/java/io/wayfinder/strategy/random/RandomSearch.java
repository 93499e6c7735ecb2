package io.wayfinder.strategy.random;

import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * RS: every slot drawn uniformly and independently. The baseline every other strategy is measured against. Each task
 * of a run draws from its own stream (split from the seed), so a multitask run does not propose the same
 * configurations on every task.
 */
public final class RandomSearch implements Strategy {
    private final int[] sizes;
    private final List<Rng> streams = new ArrayList<>();

    public RandomSearch(SearchSpace space, long seed) {
        this(space, 1, seed);
    }

    public RandomSearch(SearchSpace space, int taskCount, long seed) {
        this.sizes = space.slotSizes();
        // task 0 keeps the stream of the seed itself, so single-task runs draw what they always drew
        streams.add(new Rng(seed));
        Rng split = new Rng(seed ^ 0x7A5C5EEDL);
        for (int t = 1; t < taskCount; t++) {
            streams.add(new Rng(split.nextLong()));
        }
    }

    @Override
    public String id() {
        return "random";
    }

    @Override
    public Configuration propose(int task) {
        Rng rng = streams.get(task);
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
    public void writeState(DataOutputStream out) throws IOException {
        out.writeInt(streams.size());
        for (Rng r : streams) {
            StateCodec.writeRng(out, r);
        }
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        int n = in.readInt();
        if (n != streams.size()) {
            throw new IllegalArgumentException("the saved random-search state has " + n + " task streams, this run has "
                    + streams.size() + " tasks");
        }
        List<Rng> read = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            read.add(StateCodec.readRng(in));
        }
        streams.clear();
        streams.addAll(read);
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
