package io.wayfinder.task;

import io.wayfinder.run.InputException;
import io.wayfinder.project.Settings;

/**
 * Settings of an {@code image} task, read from the task's {@code settings} block.
 *
 * @param trainSize      training images drawn from the training file (0 = all not held out for validation)
 * @param validationSize validation images held out of the training file (seeded split, disjoint from training)
 * @param testSize       test images taken from the test file (0 = all)
 * @param splitSeed      seed of the train/validation split and of the test subset
 * @param epochs         training epochs per child
 * @param batchSize      minibatch size
 * @param learningRate   Adam's learning rate
 * @param cubedReward    reward = accuracy cubed (Zoph &amp; Le) instead of accuracy
 * @param lastEpochs     reward = best validation accuracy over the last {@code lastEpochs} epochs
 * @param trainImages    training image file name inside the data directory
 * @param trainLabels    training label file name
 * @param testImages     test image file name
 * @param testLabels     test label file name
 * @param classes        number of classes
 * @param downsample     shrink images by this factor (2: 28x28 to 14x14 by 2x2 averaging) to fit a CPU budget
 * @param learningRateSchedule {@code constant} (default), or {@code linear} / {@code cosine}: decay from
 *                       {@code learningRate} to zero over the child's training minibatches
 */
public record ImageTaskSettings(int trainSize, int validationSize, int testSize, long splitSeed, int epochs,
                                int batchSize, double learningRate, boolean cubedReward, int lastEpochs,
                                String trainImages, String trainLabels, String testImages, String testLabels,
                                int classes, int downsample, String learningRateSchedule) {

    /** The values of {@code learningRateSchedule}. */
    public static final java.util.List<String> SCHEDULES = java.util.List.of("constant", "linear", "cosine");

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /** Reads and checks the settings; errors name the file and JSON path. */
    public static ImageTaskSettings of(Settings s) {
        ImageTaskSettings t = new ImageTaskSettings(
                s.integer("trainSize", 0, 0, 10_000_000),
                s.integer("validationSize", 5000, 1, 10_000_000),
                s.integer("testSize", 0, 0, 10_000_000),
                s.longValue("splitSeed", 1),
                s.integer("epochs", 3, 1, 1000),
                s.integer("batchSize", 64, 1, 65_536),
                s.number("learningRate", 1e-3, 1e-9, 10),
                s.bool("cubedReward", false),
                s.integer("lastEpochs", 1, 1, 1000),
                s.string("trainImages", TRAIN_IMAGES),
                s.string("trainLabels", TRAIN_LABELS),
                s.string("testImages", TEST_IMAGES),
                s.string("testLabels", TEST_LABELS),
                s.integer("classes", 10, 2, 100_000),
                s.integer("downsample", 1, 1, 28),
                s.oneOf("learningRateSchedule", "constant", SCHEDULES));
        positive(s, "epochs", t.epochs, 1);
        positive(s, "batchSize", t.batchSize, 1);
        positive(s, "lastEpochs", t.lastEpochs, 1);
        positive(s, "trainSize", t.trainSize, 0);
        positive(s, "validationSize", t.validationSize, 1);
        positive(s, "testSize", t.testSize, 0);
        positive(s, "classes", t.classes, 2);
        positive(s, "downsample", t.downsample, 1);
        if (t.lastEpochs > t.epochs) {
            throw new InputException(s.source(), s.path() + ".lastEpochs", "at most epochs (" + t.epochs
                    + "), found " + t.lastEpochs);
        }
        if (!(t.learningRate > 0)) {
            throw s.error("learningRate", "a positive number");
        }
        return t;
    }

    private static void positive(Settings s, String key, int value, int min) {
        if (value < min) {
            throw s.error(key, "a whole number of at least " + min);
        }
    }

    /** The reward for per-epoch validation accuracies: best of the last {@code lastEpochs}, optionally cubed. */
    public double reward(double[] validationAccuracyPerEpoch) {
        int n = validationAccuracyPerEpoch.length;
        double best = Double.NaN;
        for (int i = Math.max(0, n - lastEpochs); i < n; i++) {
            double a = validationAccuracyPerEpoch[i];
            if (Double.isNaN(best) || a > best) {
                best = a;
            }
        }
        return cubedReward ? best * best * best : best;
    }
}
