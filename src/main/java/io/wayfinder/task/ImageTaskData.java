package io.wayfinder.task;

import io.wayfinder.run.InputException;
import io.wayfinder.project.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The data of an {@code image} task: IDX files in the directory the task's {@code data} names (resolved through
 * {@link TaskEnvironment#resolve}), split into training, validation (held out of the training file with a seeded
 * shuffle) and test subsets.
 *
 * @param directory  where the files are
 * @param settings   the task's settings
 * @param train      training images
 * @param validation validation images (disjoint from training)
 * @param test       test images (from the test file)
 * @param hash       a SHA-256 over the four files' hashes
 */
public record ImageTaskData(Path directory, ImageTaskSettings settings, ImageDataSet train, ImageDataSet validation,
                            ImageDataSet test, String hash) {

    /** Where the Debian package {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    static final String INSTALL_HINT = "install the Debian package: apt-get install dataset-fashion-mnist";

    /** Loads and splits a task's data; a missing directory or file is an {@link InputException} saying what to do. */
    public static ImageTaskData load(TaskSpec task, TaskEnvironment environment) {
        ImageTaskSettings s = ImageTaskSettings.of(task.settings());
        String source = task.settings().source();
        String place = "$.tasks[" + task.name() + "].data";
        if (task.data() == null || task.data().isBlank()) {
            throw new InputException(source, place, "a data directory holding IDX files, e.g. "
                    + FASHION_MNIST + " (" + INSTALL_HINT + ") or mnist (under the data directory)");
        }
        Path dir = environment.resolve(task.data());
        boolean fashion = dir.toString().contains("fashion-mnist");
        if (!Files.isDirectory(dir)) {
            throw new InputException(source, place, "a directory of IDX files, but " + dir + " does not exist"
                    + (fashion ? ": " + INSTALL_HINT : " (set --data or WAYFINDER_DATA to the data directory)"));
        }
        Path[] files = {dir.resolve(s.trainImages()), dir.resolve(s.trainLabels()), dir.resolve(s.testImages()),
                dir.resolve(s.testLabels())};
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InputException(f.toString(), "(file)", "an IDX file (gzip or plain) of task "
                        + task.name() + ", but it is missing" + (fashion ? ": " + INSTALL_HINT
                        : "; name other files with the settings trainImages, trainLabels, testImages, testLabels"));
            }
        }
        ImageDataSet trainFile = dataSet(task.data() + "/train", files[0], files[1], s.classes());
        ImageDataSet testFile = dataSet(task.data() + "/test", files[2], files[3], s.classes());
        int available = trainFile.count() - s.validationSize();
        if (available < 1) {
            throw task.settings().error("validationSize", "fewer than the " + trainFile.count()
                    + " images of " + files[0]);
        }
        int trainSize = s.trainSize() == 0 ? available : s.trainSize();
        if (trainSize > available) {
            throw task.settings().error("trainSize", "at most " + available + " (the training file's "
                    + trainFile.count() + " images minus validationSize " + s.validationSize() + ")");
        }
        int testSize = s.testSize() == 0 ? testFile.count() : s.testSize();
        if (testSize > testFile.count()) {
            throw task.settings().error("testSize", "at most " + testFile.count() + " (the images of " + files[2]
                    + ")");
        }
        int[] order = permutation(trainFile.count(), s.splitSeed());
        ImageDataSet validation = trainFile.subset(task.data() + "/validation",
                Arrays.copyOfRange(order, 0, s.validationSize())).downsampled(s.downsample());
        ImageDataSet train = trainFile.subset(task.data() + "/train",
                Arrays.copyOfRange(order, s.validationSize(), s.validationSize() + trainSize))
                .downsampled(s.downsample());
        int[] testOrder = permutation(testFile.count(), s.splitSeed() + 1);
        ImageDataSet test = testSize == testFile.count() ? testFile
                : testFile.subset(task.data() + "/test", Arrays.copyOf(testOrder, testSize));
        test = test.downsampled(s.downsample());
        StringBuilder hashes = new StringBuilder();
        for (Path f : files) {
            hashes.append(FileHash.sha256(f)).append('\n');
        }
        return new ImageTaskData(dir, s, train, validation, test, FileHash.sha256(hashes.toString()));
    }

    private static ImageDataSet dataSet(String name, Path imageFile, Path labelFile, int classes) {
        IdxReader.IdxArray images = IdxReader.readImages(imageFile);
        IdxReader.IdxArray labels = IdxReader.readLabels(labelFile);
        if (images.count() != labels.count()) {
            throw new InputException(labelFile.toString(), "byte 4", images.count() + " labels, one per image of "
                    + imageFile + ", found " + labels.count());
        }
        byte[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xff) >= classes) {
                throw new InputException(labelFile.toString(), "byte " + (8 + i), "a class below " + classes
                        + " (setting classes), found " + (l[i] & 0xff));
            }
        }
        return new ImageDataSet(name, images.data(), l, images.dimensions()[1], images.dimensions()[2], classes);
    }

    /** A seeded Fisher-Yates permutation of {@code 0..n-1}. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A stable id: the data location and the subset sizes. */
    public String datasetId() {
        return directory.getFileName() + "[" + train.rows() + "x" + train.cols() + ", train " + train.count() + ", validation " + validation.count()
                + ", test " + test.count() + ", split seed " + settings.splitSeed() + "]";
    }
}
