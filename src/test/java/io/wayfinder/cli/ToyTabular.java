package io.wayfinder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A self-contained tabular project for tests that must run without the shared data sets (CI): a 3-decision space
 * (48 configurations) and a table scoring every configuration, written into a temporary folder. Real components all
 * the way (the tabular evaluator, the store, the search loop); only the table is small.
 */
final class ToyTabular {
    private ToyTabular() {
    }

    static final String SPACE = """
            {"schemaVersion": 1, "name": "toy-table", "decisions": [
              {"name": "a", "choices": ["a0", "a1", "a2", "a3"]},
              {"name": "b", "choices": ["b0", "b1", "b2", "b3"]},
              {"name": "c", "choices": ["c0", "c1", "c2"]}]}
            """;

    /** Writes space, table and a project with these strategy and task-settings JSON fragments; returns the project. */
    static Path write(Path dir, String strategy, String extraTaskSettings, int trials) throws IOException {
        Files.writeString(dir.resolve("space.json"), SPACE);
        StringBuilder table = new StringBuilder("task\ta\tb\tc\tacc\ttest\n");
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                for (int c = 0; c < 3; c++) {
                    double acc = 40 + 10 * a + 5 * (3 - b) + 3 * c + ((a * 7 + b * 3 + c) % 5) * 0.37;
                    table.append("toy\ta").append(a).append("\tb").append(b).append("\tc").append(c).append('\t')
                            .append(acc).append('\t').append(acc - 1).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("table.tsv"), table);
        Path project = dir.resolve("project.json");
        Files.writeString(project, """
                {"schemaVersion": 1, "name": "toy", "searchSpace": "space.json",
                 "tasks": [{"name": "toy", "kind": "tabular", "data": "%s", "metric": "accuracy",
                            "settings": {"keyColumns": ["a", "b", "c"], "rewardColumn": "acc", "testColumn": "test",
                                         "scale": 0.01%s}}],
                 "strategy": %s,
                 "budget": {"trialsPerTask": %d}, "seed": 3,
                 "execution": {"workers": 1, "checkpointEvery": 20}}
                """.formatted(dir.resolve("table.tsv").toAbsolutePath().toString().replace("\\", "\\\\"),
                extraTaskSettings, strategy, trials));
        return project;
    }
}
