package io.wayfinder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.store.SqliteRunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchServiceTest {
    @TempDir
    Path dir;

    private static Project tabular(int trials) {
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        return ProjectCodec.read(TestData.samples().resolve("nas201-random.json")).withTrialsPerTask(trials);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aFinishedSearchGoesOnWithItsFinalTrainingAsANewRun() throws Exception {
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        java.nio.file.Files.createDirectories(dir.resolve("p/spaces"));
        java.nio.file.Files.copy(TestData.samples().resolve("spaces/nas-bench-201.json"),
                dir.resolve("p/spaces/nas-bench-201.json"));
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) io.wayfinder.run.Json.readTree(
                TestData.samples().resolve("nas201-random.json"));
        // the final training answers from the other column of the table: the search's best three, scored on it
        root.set("finalTraining", io.wayfinder.run.Json.readTree(
                "{\"top\": 3, \"settings\": {\"rewardColumn\": \"test_acc_200ep_mean\"}}", "test"));
        Path file = dir.resolve("p/project.json");
        java.nio.file.Files.writeString(file, io.wayfinder.run.Json.pretty(root));
        Project p = ProjectCodec.read(file).withTrialsPerTask(60);
        try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("runs.db"));
             SearchService service = new SearchService(new Searches(store, TestData.dataDirectory(), dir))) {
            service.start(p);
            await(() -> store.runs().size() == 2 && service.progress().runId() == 2
                    && service.progress().state() == SearchService.State.FINISHED, "the final training to finish");
            var search = store.trials(1);
            var best = FinalTrainingPlan.best(search, 0, 3);
            var fin = store.trials(2);
            assertThat(store.runs().stream().filter(r -> r.id() == 2).findFirst().orElseThrow().strategy())
                    .isEqualTo("fixed");
            assertThat(fin).extracting(io.wayfinder.run.TrialRecord::values)
                    .containsExactlyInAnyOrderElementsOf(best.stream().map(io.wayfinder.run.TrialRecord::values)
                            .toList());
            // scored on the test column now: the final reward is the search trial's test value
            for (var t : fin) {
                var source = best.stream().filter(b -> b.values().equals(t.values())).findFirst().orElseThrow();
                assertThat(t.reward()).isEqualTo(source.testMetric());
            }
        }
    }

    @Test
    void runsATabularSearchOffTheCallingThreadAndReportsProgressToTheEnd() throws Exception {
        Project p = tabular(500);
        try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("runs.db"));
             SearchService service = new SearchService(new Searches(store, TestData.dataDirectory(), dir))) {
            List<SearchService.Progress> seen = new CopyOnWriteArrayList<>();
            List<Long> trialThreads = new CopyOnWriteArrayList<>();
            service.addListener(new SearchService.Listener() {
                @Override
                public void progress(SearchService.Progress progress) {
                    seen.add(progress);
                }

                @Override
                public void trialObserved(io.wayfinder.run.TrialRecord trial) {
                    trialThreads.add(Thread.currentThread().getId());
                }
            });
            service.start(p);
            await(() -> service.progress().state() == SearchService.State.FINISHED, "the run to finish");
            SearchService.Progress last = service.progress();
            assertThat(last.observed()).isEqualTo(500);
            assertThat(last.requested()).isEqualTo(500);
            assertThat(store.countObserved(last.runId())).isEqualTo(500);
            assertThat(seen.get(0).state()).isEqualTo(SearchService.State.PREPARING);
            assertThat(seen).extracting(SearchService.Progress::state).contains(SearchService.State.RUNNING);
            assertThat(trialThreads).hasSize(500).doesNotContain(Thread.currentThread().getId());
        }
    }

    @Test
    void pausesResumesAndStops() throws Exception {
        Project p = tabular(15_000);
        try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("runs.db"));
             SearchService service = new SearchService(new Searches(store, TestData.dataDirectory(), dir))) {
            service.start(p);
            await(() -> service.progress().observed() > 20, "some trials");
            service.pause();
            assertThat(service.progress().state()).isEqualTo(SearchService.State.PAUSED);
            long run = service.progress().runId();
            Thread.sleep(200);
            int paused = store.countObserved(run);
            Thread.sleep(300);
            assertThat(store.countObserved(run)).as("no trials while paused").isEqualTo(paused);
            service.resume();
            await(() -> store.countObserved(run) > paused + 20, "trials after resuming");
            service.stop();
            await(() -> service.progress().state() == SearchService.State.STOPPED, "the stop");
            assertThat(store.countObserved(run)).isLessThan(15_000);
            assertThat(store.run(run).orElseThrow().status()).isEqualTo(io.wayfinder.run.RunStatus.STOPPED);
        }
    }

    @Test
    void reportsAProjectThatCannotStartAsAFailure() throws Exception {
        Project p = tabular(10);
        Project broken = p.withTasks(List.of(new io.wayfinder.project.TaskSpec("nowhere", "tabular", "missing/file.tsv",
                "accuracy", p.tasks().get(0).settings())));
        try (SqliteRunStore store = SqliteRunStore.open(dir.resolve("runs.db"));
             SearchService service = new SearchService(new Searches(store, TestData.dataDirectory(), dir))) {
            service.start(broken);
            await(() -> service.progress().state() == SearchService.State.FAILED, "the failure");
            assertThat(service.progress().message()).contains("missing/file.tsv");
            assertThat(store.runs()).isEmpty();
        }
    }

    @Test
    void followsARunAnotherStoreConnectionWrites() throws Exception {
        Project p = tabular(3000);
        Path db = dir.resolve("shared.db");
        try (SqliteRunStore writer = SqliteRunStore.open(db);
             SqliteRunStore reader = SqliteRunStore.open(db);
             SearchService service = new SearchService(new Searches(reader, TestData.dataDirectory(), dir))) {
            PreparedSearch search = new Searches(writer, TestData.dataDirectory(), dir).start(p);
            service.attach(search.runId());
            Thread t = new Thread(() -> {
                try (search) {
                    search.run(null, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            t.join();
            await(() -> service.progress().state() == SearchService.State.FINISHED
                    && service.progress().observed() == 3000, "the follower to see the end");
            assertThat(service.progress().runId()).isEqualTo(search.runId());
        }
    }
}
