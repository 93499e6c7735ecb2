package io.wayfinder.strategy.darts;

import io.wayfinder.project.Settings;
import io.wayfinder.run.InputException;
import io.wayfinder.strategy.StrategyProvider;
import io.wayfinder.strategy.StrategyProvider.SettingDoc;
import io.wayfinder.strategy.oneshot.SupernetSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * DARTS' settings.
 *
 * @param supernet         the super-network, its data and the weights' optimiser
 * @param secondOrder      the unrolled (second-order) architecture gradient instead of the first-order one
 * @param remedy           {@code none}, {@code early-stop} (DARTS+: stop once the derived cell has more than
 *                         {@code maxSkips} skip connections and keep the last cell that had at most that many) or
 *                         {@code darts-minus} (DARTS-: an auxiliary skip connection on every edge whose weight decays
 *                         linearly from 1 to 0 over the epochs)
 * @param maxSkips         the early stop's threshold
 * @param alphaLr          Adam's learning rate for the architecture weights
 * @param alphaWeightDecay L2 on the architecture weights
 * @param excludeNone      derive each edge's operation by argmax over the operations other than {@code none}, as
 *                         DARTS does
 */
public record DartsSettings(SupernetSettings supernet, boolean secondOrder, String remedy, int maxSkips,
                            double alphaLr, double alphaWeightDecay, boolean excludeNone) {
    public static final List<String> REMEDIES = List.of("none", "early-stop", "darts-minus");

    public static final List<SettingDoc> DOCS;

    static {
        List<SettingDoc> d = new ArrayList<>(SupernetSettings.DOCS);
        d.add(new SettingDoc("order", "first or second", "first",
                "architecture gradient: first-order, or second-order (unrolled weight step, finite-difference "
                        + "Hessian-vector product)"));
        d.add(new SettingDoc("remedy", String.join(", ", REMEDIES), "none",
                "against the collapse onto skip connections: early-stop (DARTS+) or darts-minus (decaying auxiliary "
                        + "skip)"));
        d.add(new SettingDoc("maxSkips", "0 to 6", "1",
                "early-stop: stop once the derived cell has more skip connections than this"));
        d.add(new SettingDoc("alphaLr", "0.000001 to 1", "0.0003", "Adam's learning rate of the architecture weights"));
        d.add(new SettingDoc("alphaWeightDecay", "0 to 1", "0.001", "L2 on the architecture weights"));
        d.add(new SettingDoc("excludeNone", "true or false", "true",
                "derive each edge by argmax over the operations other than none (as DARTS does)"));
        DOCS = List.copyOf(d);
    }

    public static DartsSettings parse(Settings s) {
        s.requireOnly(StrategyProvider.keys(DOCS));
        SupernetSettings net = SupernetSettings.parse(s);
        try {
            return new DartsSettings(net, s.oneOf("order", "first", List.of("first", "second")).equals("second"),
                    s.oneOf("remedy", "none", REMEDIES), s.integer("maxSkips", 1, 0, 6),
                    s.number("alphaLr", 3e-4, 1e-6, 1), s.number("alphaWeightDecay", 1e-3, 0, 1),
                    s.bool("excludeNone", true));
        } catch (IllegalArgumentException e) {
            throw new InputException(s.source(), s.path(), e.getMessage());
        }
    }
}
