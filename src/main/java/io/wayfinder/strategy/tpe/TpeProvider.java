package io.wayfinder.strategy.tpe;

import io.wayfinder.project.Settings;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.Strategy;
import io.wayfinder.strategy.StrategyContext;
import io.wayfinder.strategy.StrategyProvider;
import java.util.List;
import java.util.Set;

/** Registers TPE ({@code tpe}). */
public final class TpeProvider implements StrategyProvider<TpeSettings> {
    private static final TpeSettings D = TpeSettings.DEFAULTS;
    static final List<SettingDoc> SETTINGS = List.of(
            new SettingDoc("multivariate", "true or false", String.valueOf(D.multivariate()),
                    "one joint kernel per observation over all decisions (false: one density per decision)"),
            new SettingDoc("gamma", "0.01 to 0.5", String.valueOf(D.gamma()), "share of observations counted good"),
            new SettingDoc("maxGood", "1 to 1000", String.valueOf(D.maxGood()), "at most this many good observations"),
            new SettingDoc("candidates", "1 to 10000", String.valueOf(D.candidates()),
                    "candidates drawn from the good density per proposal; the best l(x)/g(x) is proposed"),
            new SettingDoc("startup", "1 to 10000", String.valueOf(D.startup()),
                    "uniform random proposals before the densities are used"),
            new SettingDoc("priorWeight", "0.01 to 100", String.valueOf(D.priorWeight()),
                    "weight of the uniform prior in both densities"),
            new SettingDoc("distinct", "true or false", String.valueOf(D.distinct()),
                    "never propose a configuration the task has already observed"),
            new SettingDoc("neighbours", "0 to 1000", String.valueOf(D.neighbours()),
                    "the best this many observations add every configuration one decision away as candidates"));

    @Override
    public String id() {
        return "tpe";
    }

    @Override
    public String label() {
        return "TPE";
    }

    @Override
    public String summary() {
        return "Tree-structured Parzen Estimator (Bergstra et al. 2011), multivariate by default";
    }

    @Override
    public List<SettingDoc> settings() {
        return SETTINGS;
    }

    @Override
    public TpeSettings parse(Settings s) {
        TpeSettings t = new TpeSettings(s.bool("multivariate", D.multivariate()),
                s.number("gamma", D.gamma(), 0.01, 0.5), s.integer("maxGood", D.maxGood(), 1, 1000),
                s.integer("candidates", D.candidates(), 1, 10_000), s.integer("startup", D.startup(), 1, 10_000),
                s.number("priorWeight", D.priorWeight(), 0.01, 100), s.bool("distinct", D.distinct()),
                s.integer("neighbours", D.neighbours(), 0, 1000));
        s.requireOnly(StrategyProvider.keys(SETTINGS));
        return t;
    }

    @Override
    public Strategy create(TpeSettings settings, StrategyContext context) {
        return new TreeParzenEstimator(context.space(), context.taskCount(), settings, context.seed());
    }

    @Override
    public Set<LiveView> views() {
        return Set.of(LiveView.DENSITIES, LiveView.POLICY);
    }
}
