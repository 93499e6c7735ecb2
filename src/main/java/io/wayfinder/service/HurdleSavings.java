package io.wayfinder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.project.Project;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.Json;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.store.InMemoryRunStore;
import io.wayfinder.store.RunStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The compute progressive dynamic hurdles save on a real, trained task: the project's first task searched with
 * {@code evolution} twice from the same seed, once without and once with hurdles, each on the real search loop.
 *
 * @param base     a project with a trained task (conv net, text, language model)
 * @param trials   trials per run
 * @param evolution evolution's settings without hurdles (population, sample)
 * @param hurdles  the hurdle budget shares
 * @param warmup   children seen at a stage before its hurdle applies
 */
public record HurdleSavings(Project base, int trials, ObjectNode evolution, List<Double> hurdles, int warmup,
                            Path dataDirectory) {

    /** One run's totals. */
    public record Totals(String label, int trials, double childSeconds, double budgetUnits, int fullyTrained,
                         double bestValidation, double testOfBest, double wallSeconds) {
    }

    public Totals run(boolean withHurdles, SearchListener listener) throws InterruptedException {
        ObjectNode s = evolution.deepCopy();
        if (withHurdles) {
            var a = s.putArray("hurdles");
            hurdles.forEach(a::add);
            s.put("hurdleWarmup", warmup);
        }
        Project p = base.withStrategy(new StrategySpec("evolution", new Settings("bench hurdles",
                "$.strategy.settings", s))).withTrialsPerTask(trials);
        long t0 = System.nanoTime();
        try (RunStore store = new InMemoryRunStore()) {
            Searches searches = new Searches(store, dataDirectory, Path.of(System.getProperty("java.io.tmpdir")));
            long run;
            try (PreparedSearch search = searches.start(p)) {
                search.run(listener, new SearchControl());
                run = search.runId();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double seconds = 0;
            double units = 0;
            int full = 0;
            double best = Double.NEGATIVE_INFINITY;
            double testOfBest = Double.NaN;
            for (TrialRecord t : store.trials(run)) {
                if (!t.status().counted()) {
                    continue;
                }
                seconds += t.durationMillis() / 1000.0;
                JsonNode h = t.details() == null ? null : Json.readTree(t.details(), "trial " + t.id()).get("hurdle");
                boolean fully = h == null || h.get("passed").asBoolean();
                units += h == null ? 1.0 : h.get("budgetUsed").asDouble();
                if (fully && !Double.isNaN(t.validationMetric())) {
                    full++;
                    if (t.validationMetric() > best) {
                        best = t.validationMetric();
                        testOfBest = t.testMetric();
                    }
                }
            }
            return new Totals(withHurdles ? "evolution + hurdles " + hurdles : "evolution", trials, seconds, units,
                    full, best, testOfBest, wall);
        }
    }
}
