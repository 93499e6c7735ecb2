package io.wayfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol's stage wiring on real runs (a small tabular task, the real search loop and SQLite store): targets
 * before pre-training stop at the transfer run with a one-line error, each stage then runs only what is missing, the
 * transfer runs start from the pre-trained run, a raised budget resumes the same runs, and the report is written.
 */
class ProtocolCommandTest {
    @TempDir
    Path dir;

    @Test
    void stagesRunWhatIsMissingAndResume() throws Exception {
        Path pretrain = ToyTabular.write(dir, "{\"name\": \"maml\"}", "", 20);
        Files.move(pretrain, dir.resolve("pretrain.json"));
        String target = Files.readString(dir.resolve("pretrain.json")).replace("\"name\": \"toy\", \"searchSpace\"",
                "\"name\": \"toy-target\", \"searchSpace\"");
        assertTrue(target.contains("toy-target"), "the target project is renamed");
        Files.writeString(dir.resolve("target.json"), target);
        Path protocol = dir.resolve("protocol.json");
        writeProtocol(protocol, 12);
        String store = dir.resolve("runs.db").toString();

        CliRunner.Result plan = CliRunner.run("protocol", protocol.toString(), "--store", store, "--plan");
        assertEquals(0, plan.exitCode(), plan.err());
        assertTrue(plan.out().contains("0 of 7 runs done"), plan.out());

        CliRunner.Result early = CliRunner.run("protocol", protocol.toString(), "--store", store, "--stage", "targets");
        assertEquals(2, early.exitCode(), early.out() + early.err());
        assertTrue(early.err().contains("run that project first"), early.err());
        assertEquals(1, early.err().strip().lines().count(), "one line, no stack trace: " + early.err());

        CliRunner.Result pre = CliRunner.run("protocol", protocol.toString(), "--store", store, "--stage", "pretrain");
        assertEquals(0, pre.exitCode(), pre.out() + pre.err());

        CliRunner.Result all = CliRunner.run("protocol", protocol.toString(), "--store", store, "--stage", "all",
                "--report", dir.resolve("report").toString());
        assertEquals(0, all.exitCode(), all.out() + all.err());
        assertTrue(all.out().contains("pre-train toy (maml, 1 tasks x 20 trials, seed 5): done"), all.out());
        assertTrue(Files.isRegularFile(dir.resolve("report").resolve("report.md")), "report written");

        List<RunRecord> runs;
        try (RunStore s = RunStores.open(store)) {
            runs = s.runs();
            Map<String, Long> byStrategy = runs.stream().collect(Collectors.groupingBy(RunRecord::strategy,
                    Collectors.counting()));
            // random and aml ran seed 1 before the failed transfer; nothing ran twice
            assertEquals(Map.of("maml", 1L, "random", 2L, "aml", 2L, "taml", 2L), byStrategy);
            for (RunRecord r : runs) {
                assertEquals(RunStatus.FINISHED, r.status(), r.toString());
                assertEquals(r.strategy().equals("maml") ? 20 : 12, s.trials(r.id()).size(), r.toString());
                if (r.strategy().equals("taml")) {
                    assertTrue(r.projectJson().contains("\"project\" : \"toy\""), r.projectJson());
                }
            }
        }
        CliRunner.Result again = CliRunner.run("protocol", protocol.toString(), "--store", store, "--stage", "targets");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("6 of 6 runs done") && !again.out().contains("starting"), again.out());

        writeProtocol(protocol, 16);
        CliRunner.Result more = CliRunner.run("protocol", protocol.toString(), "--store", store, "--stage", "targets");
        assertEquals(0, more.exitCode(), more.out() + more.err());
        assertTrue(more.out().contains("resuming run"), more.out());
        try (RunStore s = RunStores.open(store)) {
            assertEquals(runs.size(), s.runs().size(), "the same runs continued, none added");
            for (RunRecord r : s.runs()) {
                assertEquals(r.strategy().equals("maml") ? 20 : 16, s.trials(r.id()).size(), r.toString());
            }
        }
    }

    @Test
    void badProtocolFileIsOneLineNamingThePlace() throws Exception {
        Path protocol = dir.resolve("protocol.json");
        Files.writeString(protocol, """
                {"schemaVersion": 1, "name": "p", "pretrain": {"project": "missing.json"}, "targets": ["t.json"],
                 "strategies": ["random", "random"], "seeds": [1], "trialsPerTask": 0}
                """);
        CliRunner.Result r = CliRunner.run("protocol", protocol.toString(), "--store", dir.resolve("x.db").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("$.pretrain.project") && r.err().contains("$.strategies[1]")
                && r.err().contains("$.trialsPerTask"), r.err());
        assertTrue(!r.err().contains("Exception") && !Files.exists(dir.resolve("x.db")), r.err());
    }

    private static void writeProtocol(Path protocol, int trials) throws Exception {
        Files.writeString(protocol, """
                {"schemaVersion": 1, "name": "toy-protocol",
                 "pretrain": {"project": "pretrain.json", "trialsPerTask": 20, "seed": 5},
                 "targets": ["target.json"], "strategies": ["random", "aml", "taml"], "seeds": [1, 2],
                 "trialsPerTask": %d}
                """.formatted(trials));
    }
}
