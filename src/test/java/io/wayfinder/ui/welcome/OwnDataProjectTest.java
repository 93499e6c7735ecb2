package io.wayfinder.ui.welcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wayfinder.TestData;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.run.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One's own IDX image set becomes a project that reads it; a broken set is named and nothing is written. */
class OwnDataProjectTest {
    @TempDir
    Path dir;

    @Test
    void anIdxFolderBecomesAConvNetProject() {
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        assumeTrue(Files.isDirectory(fashion), "Debian package dataset-fashion-mnist is not installed");
        Path file = WelcomeViewModel.writeProject("my-images", WelcomeViewModel.DataKind.IMAGES, fashion,
                TestData.samples(), dir.resolve("projects"));
        Project p = ProjectCodec.read(file);
        assertThat(p.space().name()).isEqualTo("zoph-le-convnet");
        assertThat(p.tasks()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("image");
            assertThat(t.settings().string("trainImages", "")).isEqualTo("train-images-idx3-ubyte.gz");
            assertThat(t.settings().string("testLabels", "")).isEqualTo("t10k-labels-idx1-ubyte.gz");
            assertThat(t.settings().integer("classes", 0)).isEqualTo(10);
            assertThat(t.settings().integer("downsample", 0)).isEqualTo(2);
        });
    }

    @Test
    void aFolderWithoutTestLabelsIsNamedAndNothingIsWritten() throws Exception {
        Path idx = Files.createDirectories(dir.resolve("idx"));
        Files.write(idx.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28});
        Files.write(idx.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        Files.write(idx.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28});
        assertThatThrownBy(() -> WelcomeViewModel.writeProject("x", WelcomeViewModel.DataKind.IMAGES, idx,
                TestData.samples(), dir.resolve("projects")))
                .isInstanceOf(InputException.class).hasMessageContaining(idx.toString())
                .hasMessageContaining("a test labels IDX file");
        assertThat(dir.resolve("projects")).doesNotExist();
    }
}
