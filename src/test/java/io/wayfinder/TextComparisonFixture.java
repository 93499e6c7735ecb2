package io.wayfinder;

import io.wayfinder.run.Json;
import io.wayfinder.run.ProjectRecord;
import io.wayfinder.store.RunStore;
import io.wayfinder.ui.InspectorRuns;
import java.nio.file.Path;
import java.util.List;

/**
 * A real text comparison: random search and AML on the small sms-spam task of {@link InspectorRuns#text} (400
 * training and 200 evaluation messages, GloVe 20k, two-tower children that really train), {@code trials} trials each,
 * and the project file they were started from (what {@code wayfinder baseline} is run on).
 */
public final class TextComparisonFixture {
    /** The runs and the project file of the first one. */
    public record Runs(long rs, long aml, Path projectFile) {
        public List<Long> compared() {
            return List.of(rs, aml);
        }
    }

    private TextComparisonFixture() {
    }

    public static Runs create(RunStore store, int trials) throws Exception {
        long rs = InspectorRuns.text(store, Json.MAPPER.createObjectNode().put("name", "random"), trials);
        long aml = InspectorRuns.text(store, Json.MAPPER.createObjectNode().put("name", "aml"), trials);
        String name = store.run(rs).orElseThrow().name();
        Path file = store.projects().stream().filter(p -> p.name().equals(name)).map(ProjectRecord::file)
                .map(Path::of).findFirst().orElseThrow();
        return new Runs(rs, aml, file);
    }
}
