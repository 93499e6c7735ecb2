package io.wayfinder.space;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A forbidden combination: no configuration may take every one of these values at once (e.g. the deep tower and the
 * wide tower both disabled). Keys are slot paths (a top-level decision's name); values are choice values or labels.
 * Strategies never see a forbidden configuration: the search loop asks again, and the count of configurations
 * excludes them.
 */
public record Constraint(Map<String, Object> forbid, String reason) {
    public Constraint {
        Objects.requireNonNull(forbid, "forbid");
        if (forbid.size() < 2) {
            throw new IllegalArgumentException("a constraint forbids a combination of at least two decisions");
        }
        forbid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(forbid));
        reason = reason == null ? "" : reason;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("not (");
        forbid.forEach((k, v) -> b.append(b.length() > 5 ? " and " : "").append(k).append(" = ").append(v));
        return b.append(")").append(reason.isEmpty() ? "" : ": " + reason).toString();
    }
}
