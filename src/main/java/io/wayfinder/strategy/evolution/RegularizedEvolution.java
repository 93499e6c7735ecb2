package io.wayfinder.strategy.evolution;

import io.wayfinder.run.Rng;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.Observation;
import io.wayfinder.strategy.PopulationMember;
import io.wayfinder.strategy.Strategy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

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
    public Optional<List<PopulationMember>> population(int task) {
        Deque<Member> pop = populations.get(task);
        List<PopulationMember> out = new ArrayList<>(pop.size());
        int age = pop.size() - 1;
        for (Member m : pop) {
            out.add(new PopulationMember(m.configuration(), m.reward(), age--));
        }
        return Optional.of(out);
    }

    /** The most members a task's population keeps. */
    public int capacity() {
        return population;
    }

    /** How many members a tournament draws. */
    public int tournament() {
        return sample;
    }

    @Override
    public void writeState(DataOutputStream out) throws IOException {
        StateCodec.writeRng(out, rng);
        out.writeInt(sizes.length);
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
    }

    @Override
    public void readState(DataInputStream in, int version) throws IOException {
        Rng r = StateCodec.readRng(in);
        int slots = in.readInt();
        int tasks = in.readInt();
        if (slots != sizes.length || tasks != populations.size()) {
            throw new IllegalArgumentException("the saved evolution state has " + tasks + " task(s) over " + slots
                    + " slots, this run has " + populations.size() + " over " + sizes.length);
        }
        List<Deque<Member>> read = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            Deque<Member> pop = new ArrayDeque<>();
            int n = in.readInt();
            if (n < 0 || n > population) {
                throw new IOException("a population of " + n + " members (at most " + population + ")");
            }
            for (int j = 0; j < n; j++) {
                int[] idx = new int[sizes.length];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = in.readInt();
                    if (idx[i] < 0 || idx[i] >= sizes[i]) {
                        throw new IOException("choice " + idx[i] + " out of range at slot " + i);
                    }
                }
                pop.addLast(new Member(new Configuration(idx), in.readDouble()));
            }
            read.add(pop);
        }
        rng = r;
        for (int t = 0; t < tasks; t++) {
            populations.get(t).clear();
            populations.get(t).addAll(read.get(t));
        }
    }
}
