package io.wayfinder.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered list of decisions. Repeated blocks and skip decisions expand into {@link #flat()} slots; a
 * {@link Configuration} holds one choice index per slot.
 */
public final class SearchSpace {
    public static final int SCHEMA_VERSION = 1;
    private static final List<Choice> NO_YES = List.of(Choice.of(false), Choice.of(true));

    private final String name;
    private final String description;
    private final List<Decision> decisions;
    private final List<FlatDecision> flat;
    private final List<AnchorPoint> anchors;
    private final Map<String, FlatDecision> byPath;
    private final List<Constraint> constraints;
    /** Per constraint, the slot indices it names and the forbidden choice index of each. */
    private final int[][] constraintSlots;
    private final int[][] constraintChoices;

    public SearchSpace(String name, String description, List<Decision> decisions) {
        this(name, description, decisions, List.of());
    }

    /**
     * @throws IllegalArgumentException when a constraint names a slot that does not exist or a value that is not one
     *                                  of its choices
     */
    public SearchSpace(String name, String description, List<Decision> decisions, List<Constraint> constraints) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.decisions = List.copyOf(decisions);
        List<FlatDecision> slots = new ArrayList<>();
        List<AnchorPoint> anchorPoints = new ArrayList<>();
        for (Decision d : this.decisions) {
            if (d instanceof CategoricalDecision c) {
                slots.add(new FlatDecision(slots.size(), c.name(), c.name(),
                        FlatDecision.Kind.CATEGORICAL, -1, -1, c.choices(), c.description()));
            } else if (d instanceof RepeatBlock r) {
                expand(r, slots, anchorPoints);
            } else {
                throw new IllegalArgumentException("skip decision " + d.name() + " must stand inside a repeat block");
            }
        }
        this.flat = Collections.unmodifiableList(slots);
        this.anchors = Collections.unmodifiableList(anchorPoints);
        Map<String, FlatDecision> paths = new LinkedHashMap<>();
        for (FlatDecision f : slots) {
            if (paths.put(f.path(), f) != null) {
                throw new IllegalArgumentException("two decisions expand to the same name " + f.path());
            }
        }
        this.byPath = Collections.unmodifiableMap(paths);
        this.constraints = List.copyOf(constraints);
        this.constraintSlots = new int[this.constraints.size()][];
        this.constraintChoices = new int[this.constraints.size()][];
        for (int k = 0; k < this.constraints.size(); k++) {
            Map<String, Object> forbid = this.constraints.get(k).forbid();
            constraintSlots[k] = new int[forbid.size()];
            constraintChoices[k] = new int[forbid.size()];
            int j = 0;
            for (Map.Entry<String, Object> e : forbid.entrySet()) {
                FlatDecision f = paths.get(e.getKey());
                if (f == null) {
                    throw new IllegalArgumentException("constraint names unknown decision " + e.getKey());
                }
                constraintSlots[k][j] = f.index();
                constraintChoices[k][j] = indexOf(f, e.getValue());
                j++;
            }
        }
    }

    /** The forbidden combinations, in file order. */
    public List<Constraint> constraints() {
        return constraints;
    }

    /** Whether no constraint forbids this configuration. */
    public boolean allows(Configuration c) {
        return violated(c) == null;
    }

    /** The first constraint this configuration breaks, or null. */
    public Constraint violated(Configuration c) {
        for (int k = 0; k < constraintSlots.length; k++) {
            boolean all = true;
            for (int j = 0; j < constraintSlots[k].length && all; j++) {
                all = c.get(constraintSlots[k][j]) == constraintChoices[k][j];
            }
            if (all) {
                return constraints.get(k);
            }
        }
        return null;
    }

    private static void expand(RepeatBlock block, List<FlatDecision> slots, List<AnchorPoint> anchorPoints) {
        for (int layer = 0; layer < block.count(); layer++) {
            for (Decision inner : block.decisions()) {
                String prefix = block.name() + "[" + layer + "].";
                if (inner instanceof CategoricalDecision c) {
                    slots.add(new FlatDecision(slots.size(), prefix + c.name(),
                            c.name(), FlatDecision.Kind.CATEGORICAL, layer, -1, c.choices(), c.description()));
                } else if (inner instanceof SkipDecision s) {
                    anchorPoints.add(new AnchorPoint(block.name(), layer, slots.size()));
                    for (int source = 0; source < layer; source++) {
                        slots.add(new FlatDecision(slots.size(), prefix + s.name() + "[" + source + "]",
                                s.name(), FlatDecision.Kind.SKIP, layer, source, NO_YES, s.description()));
                    }
                } else {
                    throw new IllegalArgumentException("nested repeat block " + inner.name());
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Decision> decisions() {
        return decisions;
    }

    /** Every configuration slot in order. */
    public List<FlatDecision> flat() {
        return flat;
    }

    public List<AnchorPoint> anchors() {
        return anchors;
    }

    public FlatDecision slot(String path) {
        FlatDecision f = byPath.get(path);
        if (f == null) {
            throw new IllegalArgumentException("no decision named " + path + " in search space " + name);
        }
        return f;
    }

    public boolean hasSlot(String path) {
        return byPath.containsKey(path);
    }

    /** The exact number of distinct configurations that no constraint forbids (inclusion-exclusion over them). */
    public BigInteger configurationCount() {
        BigInteger n = unconstrainedCount();
        int k = constraintSlots.length;
        if (k > 20) {
            throw new IllegalStateException("more than 20 constraints: the exact count is not computed");
        }
        for (int subset = 1; subset < (1 << k); subset++) {
            Map<Integer, Integer> fixed = new java.util.HashMap<>();
            boolean consistent = true;
            for (int c = 0; c < k && consistent; c++) {
                if ((subset & (1 << c)) != 0) {
                    for (int j = 0; j < constraintSlots[c].length && consistent; j++) {
                        Integer prev = fixed.put(constraintSlots[c][j], constraintChoices[c][j]);
                        consistent = prev == null || prev == constraintChoices[c][j];
                    }
                }
            }
            if (!consistent) {
                continue;
            }
            BigInteger matching = BigInteger.ONE;
            for (FlatDecision f : flat) {
                if (!fixed.containsKey(f.index())) {
                    matching = matching.multiply(BigInteger.valueOf(f.size()));
                }
            }
            n = Integer.bitCount(subset) % 2 == 1 ? n.subtract(matching) : n.add(matching);
        }
        return n;
    }

    /** The number of configurations ignoring the constraints (the product of the slot sizes). */
    public BigInteger unconstrainedCount() {
        BigInteger n = BigInteger.ONE;
        for (FlatDecision f : flat) {
            n = n.multiply(BigInteger.valueOf(f.size()));
        }
        return n;
    }

    /** Slot sizes in order, e.g. for a controller or random sampler. */
    public int[] slotSizes() {
        return flat.stream().mapToInt(FlatDecision::size).toArray();
    }

    /** The chosen values by path, in slot order. */
    public Map<String, Object> values(Configuration c) {
        check(c);
        Map<String, Object> out = new LinkedHashMap<>();
        for (FlatDecision f : flat) {
            out.put(f.path(), f.choices().get(c.get(f.index())).value());
        }
        return out;
    }

    public Choice choice(Configuration c, String path) {
        check(c);
        FlatDecision f = slot(path);
        return f.choices().get(c.get(f.index()));
    }

    /**
     * The configuration with these values by path. Numbers match numerically; every slot must be given.
     *
     * @throws IllegalArgumentException naming the first path that is missing or has no such choice
     */
    public Configuration configuration(Map<String, ?> values) {
        int[] idx = new int[flat.size()];
        for (FlatDecision f : flat) {
            if (!values.containsKey(f.path())) {
                throw new IllegalArgumentException("configuration has no value for " + f.path());
            }
            Object v = values.get(f.path());
            idx[f.index()] = indexOf(f, v);
        }
        for (String key : values.keySet()) {
            if (!byPath.containsKey(key)) {
                throw new IllegalArgumentException("configuration names unknown decision " + key);
            }
        }
        return new Configuration(idx);
    }

    private static int indexOf(FlatDecision f, Object v) {
        for (int i = 0; i < f.size(); i++) {
            Object c = f.choices().get(i).value();
            if (c.equals(v) || (c instanceof Number a && v instanceof Number b && a.doubleValue() == b.doubleValue())
                    || (v instanceof String s && s.equals(f.choices().get(i).label()))) {
                return i;
            }
        }
        throw new IllegalArgumentException("decision " + f.path() + " has no choice " + v);
    }

    private void check(Configuration c) {
        if (c.size() != flat.size()) {
            throw new IllegalArgumentException("configuration has " + c.size() + " slots but search space " + name
                    + " has " + flat.size());
        }
        for (FlatDecision f : flat) {
            int i = c.get(f.index());
            if (i < 0 || i >= f.size()) {
                throw new IllegalArgumentException("choice index " + i + " out of range for " + f.path());
            }
        }
    }

    @Override
    public String toString() {
        return "SearchSpace[" + name + ", " + flat.size() + " slots]";
    }
}
