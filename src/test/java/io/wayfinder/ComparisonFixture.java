package io.wayfinder;

import io.wayfinder.exec.SearchControl;
import io.wayfinder.exec.SearchListener;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.service.PreparedSearch;
import io.wayfinder.service.Searches;
import io.wayfinder.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real RS vs AML vs T-AML comparison on NAS-Bench-201 cifar100 (skipped without the shared table): the sample
 * projects, {@code seeds} seeds each, {@code trials} trials per run; T-AML transfers from an M-AML run on cifar10.
 */
public final class ComparisonFixture {
    /** The runs created, by group. */
    public record Runs(List<Long> rs, List<Long> aml, long pretrain, List<Long> taml) {
        public List<Long> compared() {
            List<Long> out = new ArrayList<>(rs);
            out.addAll(aml);
            out.addAll(taml);
            return out;
        }
    }

    private ComparisonFixture() {
    }

    public static Runs create(RunStore store, int seeds, int trials, int pretrainTrials) throws InterruptedException {
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        Searches searches = new Searches(store, TestData.dataDirectory(),
                Path.of(System.getProperty("java.io.tmpdir"), "wayfinder-cache"));
        List<Long> rs = new ArrayList<>();
        List<Long> aml = new ArrayList<>();
        List<Long> taml = new ArrayList<>();
        long pre = run(searches, "nas201-maml-cifar10.json", 1000 + 1, pretrainTrials);
        for (int s = 1; s <= seeds; s++) {
            rs.add(run(searches, "nas201-random-cifar100.json", s, trials));
            aml.add(run(searches, "nas201-aml-cifar100.json", s, trials));
            taml.add(run(searches, "nas201-taml-cifar100.json", s, trials));
        }
        return new Runs(rs, aml, pre, taml);
    }

    private static long run(Searches searches, String project, long seed, int trials) throws InterruptedException {
        Project p = ProjectCodec.read(TestData.samples().resolve(project)).withSeed(seed).withTrialsPerTask(trials);
        try (PreparedSearch search = searches.start(p)) {
            search.run(SearchListener.NONE, new SearchControl());
            return search.runId();
        }
    }
}
