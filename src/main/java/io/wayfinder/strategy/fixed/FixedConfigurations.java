package io.wayfinder.strategy.fixed;

import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.Strategy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Proposes the listed configurations in turn (per task, the n-th proposal is the n-th configuration modulo the
 * list), and learns nothing. Every trial has its own seed, so repeating a configuration retrains it with another
 * seed.
 */
public final class FixedConfigurations implements Strategy {
    private final List<Configuration> configurations;
    private int[] proposed;

    public FixedConfigurations(List<Configuration> configurations, int taskCount) {
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("at least one configuration");
        }
        this.configurations = List.copyOf(configurations);
        this.proposed = new int[taskCount];
    }

    @Override
    public String id() {
        return "fixed";
    }

    @Override
    public Configuration propose(int task) {
        return configurations.get(proposed[task]++ % configurations.size());
    }

    @Override
    public void observe(Observation observation) {
        // nothing to learn: the list is fixed
    }

    @Override
    public boolean learns() {
        return false;
    }

    @Override
    public void writeState(DataOutputStream out) throws IOException {
        StateCodec.writeInts(out, proposed);
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        int[] p = StateCodec.readInts(in);
        if (p.length != proposed.length) {
            throw new IllegalArgumentException("the saved state is of a run with " + p.length + " tasks, this run has "
                    + proposed.length);
        }
        proposed = p;
    }
}
