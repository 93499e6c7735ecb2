package io.wayfinder.strategy.evolution;

import io.wayfinder.project.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * Progressive dynamic hurdles (So et al., The Evolved Transformer), as settings of {@code evolution}:
 * {@code "hurdles": [0.25]} trains every child on a quarter of its budget first; only children whose reward at that
 * stage reaches the running hurdle (the mean stage reward of the task's children so far) are trained again with the
 * full budget. Several shares ({@code [0.1, 0.3]}) make several stages. No hurdle applies before
 * {@code hurdleWarmup} children have passed a stage.
 *
 * @param shares ascending budget shares in (0, 1) of the stages before the full budget; empty = no hurdles
 * @param warmup children seen at a stage before its hurdle applies
 */
public record HurdleSettings(List<Double> shares, int warmup) {
    public static final HurdleSettings NONE = new HurdleSettings(List.of(), 10);

    public HurdleSettings {
        shares = List.copyOf(shares);
        double prev = 0;
        for (double s : shares) {
            if (!(s > prev && s < 1)) {
                throw new IllegalArgumentException("hurdle budget shares must ascend within (0, 1), found " + shares);
            }
            prev = s;
        }
        if (warmup < 1) {
            throw new IllegalArgumentException("hurdleWarmup must be at least 1");
        }
    }

    public boolean enabled() {
        return !shares.isEmpty();
    }

    /** Reads {@code hurdles} (a list of shares, or one number) and {@code hurdleWarmup} from evolution's settings. */
    public static HurdleSettings parse(Settings s) {
        if (!s.has("hurdles")) {
            return new HurdleSettings(List.of(), s.integer("hurdleWarmup", 10, 1, 1_000_000));
        }
        var node = s.node().get("hurdles");
        List<Double> shares = new ArrayList<>();
        if (node.isNumber()) {
            shares.add(node.asDouble());
        } else if (node.isArray()) {
            for (var v : node) {
                if (!v.isNumber()) {
                    throw s.error("hurdles", "budget shares: numbers ascending within (0, 1), e.g. [0.25]");
                }
                shares.add(v.asDouble());
            }
        } else {
            throw s.error("hurdles", "budget shares: numbers ascending within (0, 1), e.g. [0.25]");
        }
        try {
            return new HurdleSettings(shares, s.integer("hurdleWarmup", 10, 1, 1_000_000));
        } catch (IllegalArgumentException e) {
            throw s.error("hurdles", "budget shares: numbers ascending within (0, 1), e.g. [0.25]");
        }
    }
}
