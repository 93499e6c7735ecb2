package io.wayfinder.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.InputException;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(b);
        }
        return bytes.toByteArray();
    }

    static byte[] images(int n, int rows, int cols) {
        byte[] px = new byte[n * rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7);
        }
        return px;
    }

    @Test
    void readsPlainAndGzipFiles() throws IOException {
        byte[] px = images(3, 4, 5);
        Path plain = Files.write(dir.resolve("x-idx3-ubyte"), idx(8, new int[] {3, 4, 5}, px));
        Path gz = Files.write(dir.resolve("x-idx3-ubyte.gz"), gzip(idx(8, new int[] {3, 4, 5}, px)));
        for (Path p : new Path[] {plain, gz}) {
            IdxReader.IdxArray a = IdxReader.readImages(p);
            assertThat(a.dimensions()).containsExactly(3, 4, 5);
            assertThat(a.data()).isEqualTo(px);
        }
        Path labels = Files.write(dir.resolve("y.gz"), gzip(idx(8, new int[] {3}, new byte[] {1, 2, 9})));
        assertThat(IdxReader.readLabels(labels).data()).containsExactly(1, 2, 9);
    }

    @Test
    void truncatedFileNamesFileOffsetAndDimensions() throws IOException {
        byte[] full = idx(8, new int[] {3, 4, 5}, images(3, 4, 5));
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
        Path gz = Files.write(dir.resolve("cut.gz"), gzip(cut));
        assertThatThrownBy(() -> IdxReader.readImages(gz))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(gz.toString())
                .hasMessageContaining("byte 66")
                .hasMessageContaining("truncated")
                .hasMessageContaining("[3, 4, 5]");
        Path header = Files.write(dir.resolve("header"), java.util.Arrays.copyOf(full, 9));
        assertThatThrownBy(() -> IdxReader.readImages(header))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("byte 8")
                .hasMessageContaining("dimension 1");
    }

    @Test
    void badMagicSaysWhatWasExpected() throws IOException {
        Path labels = Files.write(dir.resolve("labels"), idx(8, new int[] {3}, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> IdxReader.readImages(labels))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("byte 0")
                .hasMessageContaining("magic 0x00000803")
                .hasMessageContaining("found 0x00000801");
        Path text = Files.writeString(dir.resolve("text"), "hello world, not an IDX file");
        assertThatThrownBy(() -> IdxReader.readLabels(text)).hasMessageContaining("magic 0x00000801");
        assertThatThrownBy(() -> IdxReader.readLabels(dir.resolve("absent")))
                .isInstanceOf(InputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void loadsSplitsAndDownsamples() throws IOException {
        int n = 40;
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idx(8, new int[] {n, 4, 4}, images(n, 4, 4))));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(8, new int[] {n}, labels)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idx(8, new int[] {n, 4, 4}, images(n, 4, 4))));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idx(8, new int[] {n}, labels)));
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("trainSize", 20).put("validationSize", 10)
                .put("testSize", 15).put("downsample", 2);
        TaskSpec task = new TaskSpec("tiny", "image", dir.toString(), "accuracy", Settings.of("p.json", "$.s", s));
        ImageTaskData d = ImageTaskData.load(task, new TaskEnvironment(dir, dir, dir));
        assertThat(d.train().count()).isEqualTo(20);
        assertThat(d.validation().count()).isEqualTo(10);
        assertThat(d.test().count()).isEqualTo(15);
        assertThat(d.train().rows()).isEqualTo(2);
        assertThat(d.hash()).hasSize(64);
        ObjectNode tooMany = s.deepCopy().put("trainSize", 31);
        TaskSpec bad = new TaskSpec("tiny", "image", dir.toString(), "accuracy",
                Settings.of("p.json", "$.s", tooMany));
        assertThatThrownBy(() -> ImageTaskData.load(bad, new TaskEnvironment(dir, dir, dir)))
                .isInstanceOf(InputException.class).hasMessageContaining("$.s.trainSize").hasMessageContaining("30");
    }

    @Test
    void missingFashionMnistSaysHowToInstallIt() {
        TaskSpec task = new TaskSpec("f", "image", dir.resolve("fashion-mnist").toString(), "accuracy", null);
        assertThatThrownBy(() -> ImageTaskData.load(task, new TaskEnvironment(dir, dir, dir)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
        TaskSpec mnist = new TaskSpec("m", "image", "mnist", "accuracy", null);
        assertThatThrownBy(() -> ImageTaskData.load(mnist, new TaskEnvironment(dir, dir, dir)))
                .isInstanceOf(InputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void rewardIsBestOfLastEpochsOptionallyCubed() {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("epochs", 4).put("lastEpochs", 2);
        ImageTaskSettings plain = ImageTaskSettings.of(Settings.of("p", "$", s));
        assertThat(plain.reward(new double[] {0.9, 0.5, 0.6, 0.55})).isEqualTo(0.6);
        ImageTaskSettings cubed = ImageTaskSettings.of(Settings.of("p", "$", s.deepCopy().put("cubedReward", true)));
        assertThat(cubed.reward(new double[] {0.9, 0.5, 0.6, 0.55})).isCloseTo(0.216, org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> ImageTaskSettings.of(Settings.of("p", "$", s.deepCopy().put("lastEpochs", 5))))
                .isInstanceOf(InputException.class).hasMessageContaining("$.lastEpochs");
    }
}
