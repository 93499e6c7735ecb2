package io.wayfinder.space;

import java.util.Arrays;

/** One choice index per flattened decision of a search space. Immutable. */
public final class Configuration {
    private final int[] indices;

    public Configuration(int[] indices) {
        this.indices = indices.clone();
    }

    public int size() {
        return indices.length;
    }

    public int get(int slot) {
        return indices[slot];
    }

    public int[] indices() {
        return indices.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration c && Arrays.equals(indices, c.indices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return Arrays.toString(indices);
    }
}
