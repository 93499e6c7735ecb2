package io.wayfinder.space;

import java.util.List;

/**
 * One slot of a configuration after repeated blocks and skip decisions are expanded.
 *
 * @param index       position in the configuration
 * @param path        unique name, e.g. {@code embedding}, {@code layer[2].filters} or {@code layer[3].skip[1]}
 * @param decision    the name of the decision it comes from
 * @param kind        categorical or skip
 * @param layer       the layer within a repeat block, or -1 outside one
 * @param source      for a skip slot, the earlier layer whose output may feed {@code layer}; otherwise -1
 * @param choices     the choices; for a skip slot {@code [false, true]}
 * @param description the decision's description
 */
public record FlatDecision(int index, String path, String decision, Kind kind, int layer, int source,
                           List<Choice> choices, String description) {

    public enum Kind { CATEGORICAL, SKIP }

    public int size() {
        return choices.size();
    }
}
