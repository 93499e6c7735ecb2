package io.wayfinder.strategy;

import io.wayfinder.project.Settings;
import java.util.List;
import java.util.Set;

/**
 * A strategy plug-in, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.wayfinder.strategy.StrategyProvider}). Adding a strategy means one sub-package with
 * its provider and one registration line; nothing else in the code base names it. A strategy that needs more than
 * propose/observe (batches of proposals, a one-shot supernet search) still registers here and implements
 * {@link Strategy}; its extra capability is an interface of its own that the executor can test for, so the seam
 * itself does not grow for it.
 *
 * @param <S> the strategy's typed settings record, parsed once and validated once by {@link #parse}
 */
public interface StrategyProvider<S> {

    /** The id used in project files ({@code "strategy": {"name": ID}}) and stored with every run. */
    String id();

    /** The short label of tables and charts, e.g. {@code RS}, {@code EVO}, {@code T-AML}. */
    String label();

    /** One line for help and {@code validate}. */
    String summary();

    /** The settings this strategy knows, with their documented ranges and defaults. */
    List<SettingDoc> settings();

    /**
     * Parses the settings block once: ranged getters ({@link Settings#integer(String, int, int, int)} ...) and
     * {@link Settings#requireOnly} with {@link #settings()}'s keys, so a misspelt key names the closest known one.
     *
     * @throws io.wayfinder.run.InputException naming the file, the JSON path and what was expected
     */
    S parse(Settings settings);

    /**
     * Builds a fresh strategy.
     *
     * @throws io.wayfinder.run.InputException when the context cannot serve it (e.g. no pre-trained controller)
     */
    Strategy create(S settings, StrategyContext context);

    /** What the workbench can show of this strategy while it runs. */
    Set<LiveView> views();

    /**
     * Whether the strategy works on any search space (true for all but the one-shot strategies, which need the cell
     * space their super-network covers and refuse others when created). The shared strategy contract suite runs on a
     * toy space, so it covers only these; the others have their own tests.
     */
    default boolean anySpace() {
        return true;
    }

    /**
     * Whether the strategy itself trains networks (a one-shot super-network), so that a run costs minutes even when its
     * task is a table lookup; the welcome view ranks sample projects by speed with it.
     */
    default boolean trainsNetworks() {
        return false;
    }

    /** One documented setting: its key, range (in words), default and meaning. */
    record SettingDoc(String key, String range, String defaultValue, String description) {
    }

    /** The keys of a list of documented settings (for {@link Settings#requireOnly}). */
    static List<String> keys(List<SettingDoc> docs) {
        return docs.stream().map(SettingDoc::key).toList();
    }
}
