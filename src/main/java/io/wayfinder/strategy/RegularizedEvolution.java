package io.wayfinder.strategy;

import io.wayfinder.run.Rng;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * EVO: regularised ("aging") evolution (Real et al. 2019). Per task, a population of the {@code population} most
 * recently observed configurations; until it is full, proposals are uniform at random; afterwards a tournament of
 * {@code sample} members drawn with replacement picks the best as parent, and the child is the parent with one slot
 * changed to a different choice. The oldest member dies when a new one arrives, whatever its reward. Failed children
 * join the population with the failure reward, so they are rarely chosen as parents.
 */
public final class RegularizedEvolution implements Strategy {
    private record Member(Configuration configuration, double reward) {
    }

    private final int[] sizes;
    private final int population;
    private final int sample;
    private final List<Deque<Member>> populations = new ArrayList<>();
    private Rng rng;

    public RegularizedEvolution(SearchSpace space, int taskCount, int population, int sample, long seed) {
        if (population < 2 || sample < 1 || sample > population) {
            throw new IllegalArgumentException("evolution needs population >= 2 and 1 <= sample <= population, got "
                    + population + " and " + sample);
        }
        this.sizes = space.slotSizes();
        this.population = population;
        this.sample = sample;
        for (int t = 0; t < taskCount; t++) {
            populations.add(new ArrayDeque<>());
        }
        this.rng = new Rng(seed);
    }

    @Override
    public String id() {
        return "evolution";
    }

    @Override
    public boolean learns() {
        return false;
    }

    @Override
    public Configuration propose(int task) {
        Deque<Member> pop = populations.get(task);
        if (pop.size() < population) {
            return random();
        }
        List<Member> members = new ArrayList<>(pop);
        Member parent = null;
        for (int i = 0; i < sample; i++) {
            Member m = members.get(rng.nextInt(members.size()));
            if (parent == null || m.reward() > parent.reward()) {
                parent = m;
            }
        }
        return mutate(parent.configuration());
    }

    private Configuration random() {
        int[] idx = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            idx[i] = rng.nextInt(sizes[i]);
        }
        return new Configuration(idx);
    }

    /** Changes one slot that has more than one choice to a different choice. */
    Configuration mutate(Configuration parent) {
        int[] idx = parent.indices();
        int mutable = 0;
        for (int s : sizes) {
            if (s > 1) {
                mutable++;
            }
        }
        if (mutable == 0) {
            return parent;
        }
        int k = rng.nextInt(mutable);
        for (int slot = 0; slot < sizes.length; slot++) {
            if (sizes[slot] > 1 && k-- == 0) {
                int shift = 1 + rng.nextInt(sizes[slot] - 1);
                idx[slot] = (idx[slot] + shift) % sizes[slot];
                break;
            }
        }
        return new Configuration(idx);
    }

    @Override
    public void observe(Observation o) {
        Deque<Member> pop = populations.get(o.task());
        pop.addLast(new Member(o.configuration(), o.reward()));
        while (pop.size() > population) {
            pop.removeFirst();
        }
    }

    @Override
    public byte[] state() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            for (long x : rng.state()) {
                out.writeLong(x);
            }
            out.writeInt(populations.size());
            for (Deque<Member> pop : populations) {
                out.writeInt(pop.size());
                for (Member m : pop) {
                    for (int i = 0; i < sizes.length; i++) {
                        out.writeInt(m.configuration().get(i));
                    }
                    out.writeDouble(m.reward());
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            long[] s = new long[5];
            for (int i = 0; i < s.length; i++) {
                s[i] = in.readLong();
            }
            rng = Rng.fromState(s);
            int tasks = in.readInt();
            if (tasks != populations.size()) {
                throw new IllegalArgumentException("evolution state has " + tasks + " tasks, this run has "
                        + populations.size());
            }
            for (Deque<Member> pop : populations) {
                pop.clear();
                int n = in.readInt();
                for (int j = 0; j < n; j++) {
                    int[] idx = new int[sizes.length];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = in.readInt();
                    }
                    pop.addLast(new Member(new Configuration(idx), in.readDouble()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
