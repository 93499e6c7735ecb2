package io.wayfinder.task.oneshot;

import io.wayfinder.task.TaskEnvironment;
import java.util.ServiceLoader;

/**
 * Builds super-networks; the implementation lives in {@code child} and is found with {@link ServiceLoader}
 * ({@code META-INF/services/io.wayfinder.task.oneshot.OneShotModelProvider}), so strategies need no Deeplearning4j.
 */
public interface OneShotModelProvider {

    /** The search space the model covers, e.g. {@code nas-bench-201}. */
    String space();

    /** The candidate operations of every edge, in the order of the space's choices. */
    java.util.List<String> operations();

    /** The number of edges (decisions) of the cell. */
    int edges();

    /**
     * Loads the data and builds the super-network.
     *
     * @throws io.wayfinder.run.InputException when the data is missing or malformed
     */
    OneShotModel create(OneShotSpec spec, TaskEnvironment environment);

    /** Builds a super-network with the registered provider for a space. */
    static OneShotModel build(String space, OneShotSpec spec, TaskEnvironment environment) {
        return find(space).create(spec, environment);
    }

    /** The registered provider for a space. */
    static OneShotModelProvider find(String space) {
        for (OneShotModelProvider p : ServiceLoader.load(OneShotModelProvider.class)) {
            if (p.space().equals(space)) {
                return p;
            }
        }
        throw new IllegalStateException("no one-shot super-network is registered for the space " + space);
    }
}
