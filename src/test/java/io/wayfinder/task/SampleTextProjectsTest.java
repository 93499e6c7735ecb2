package io.wayfinder.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.TestData;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text task of the sample projects loads from the shared data with the expected classes. */
class SampleTextProjectsTest {

    @Test
    void everySampleTextTaskLoads() throws Exception {
        TestData.require("sms-spam");
        List<Path> projects;
        try (Stream<Path> s = Files.list(TestData.samples())) {
            projects = new java.util.ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("text-")
                    && p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList());
        }
        // the protocol's target projects (not its protocol files)
        try (Stream<Path> s = Files.list(TestData.samples().resolve("text-protocol"))) {
            projects.addAll(s.filter(p -> p.toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith("protocol")).sorted().toList());
        }
        assertThat(projects).isNotEmpty();
        TaskEnvironment env = new TaskEnvironment(TestData.dataDirectory(), TestData.samples(), null);
        int tasks = 0;
        for (Path p : projects) {
            Project project = ProjectCodec.read(p);
            for (TaskSpec t : project.tasks()) {
                assertThat(t.kind()).isEqualTo("text");
                TextDataset d = TextTaskLoader.load(env.resolve(t.data()), t.settings());
                assertThat(d.classCount()).as(t.name()).isGreaterThanOrEqualTo(2);
                assertThat(d.train().size()).as(t.name()).isGreaterThan(d.validation().size());
                if (t.name().equals("economic-news")) {
                    assertThat(d.classes()).containsExactly("irrelevant", "relevant");
                }
                if (t.name().equals("us-economy")) {
                    assertThat(d.classes()).hasSize(9).doesNotContain("none");
                }
                tasks++;
            }
        }
        assertThat(tasks).isGreaterThanOrEqualTo(10);
    }
}
