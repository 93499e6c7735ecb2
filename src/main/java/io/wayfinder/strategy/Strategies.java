package io.wayfinder.strategy;

import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.InputException;
import io.wayfinder.space.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The registry of strategy plug-ins and the one entry point that validates a project's strategy block
 * ({@link #validate}) and builds its strategy ({@link #create}). {@code validate}, {@code run}, {@code resume} and the
 * workbench all go through {@link #validate}, so what one accepts the others accept.
 */
public final class Strategies {
    private static volatile List<StrategyProvider<?>> providers;

    private Strategies() {
    }

    /** Every registered provider, sorted by id. */
    public static List<StrategyProvider<?>> all() {
        List<StrategyProvider<?>> p = providers;
        if (p == null) {
            List<StrategyProvider<?>> found = new ArrayList<>();
            for (StrategyProvider<?> sp : ServiceLoader.load(StrategyProvider.class)) {
                if (found.stream().anyMatch(x -> x.id().equals(sp.id()))) {
                    throw new IllegalStateException("two strategy providers declare the id " + sp.id());
                }
                found.add(sp);
            }
            found.sort(Comparator.comparing(StrategyProvider::id));
            p = List.copyOf(found);
            providers = p;
        }
        return p;
    }

    /** The ids of every registered strategy. */
    public static List<String> ids() {
        return all().stream().map(StrategyProvider::id).toList();
    }

    public static Optional<StrategyProvider<?>> find(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The label of tables and charts for a strategy id (the id itself for one this build does not know). */
    public static String label(String id) {
        return find(id).map(StrategyProvider::label).orElse(id);
    }

    /** A strategy block checked once: its provider and its typed settings. */
    public record Validated<S>(StrategyProvider<S> provider, S settings) {
        public Strategy create(StrategyContext context) {
            return provider.create(settings, context);
        }
    }

    /**
     * The single validation of a strategy block: a known id and settings that parse, are in range and contain no
     * unknown key.
     *
     * @throws InputException naming the file, the JSON path and what was expected
     */
    public static Validated<?> validate(StrategySpec spec) {
        StrategyProvider<?> provider = find(spec.name()).orElseThrow(() -> new InputException(
                spec.settings().source(), "$.strategy.name", "one of " + String.join(", ", ids()) + ", found \""
                        + spec.name() + "\""));
        return parse(provider, spec.settings());
    }

    private static <S> Validated<S> parse(StrategyProvider<S> provider, Settings settings) {
        return new Validated<>(provider, provider.parse(settings));
    }

    /**
     * Validates a strategy block and builds its strategy.
     *
     * @param pretrained loads pre-trained state named by settings (e.g. an earlier run's checkpoint), for transfer
     */
    public static Strategy create(StrategySpec spec, SearchSpace space, int taskCount, long seed,
                                  Function<Settings, Optional<byte[]>> pretrained) {
        return validate(spec).create(new StrategyContext(space, taskCount, seed, spec.settings(), pretrained));
    }
}
