package io.wayfinder.task.oneshot;

import java.util.Objects;

/**
 * What super-network to build and on which data.
 *
 * @param data           the directory of the image task's IDX files (absolute, or under the data directory)
 * @param trainSize      training examples (the weights' split)
 * @param validationSize validation examples, held out of the training file (the architecture's split)
 * @param splitSeed      the seed of the train / validation split
 * @param downsample     shrink factor of the images in each direction (2: 28x28 to 14x14)
 * @param channels       channels of the stem and of every cell
 * @param cells          cells stacked after the stem
 * @param batchSize      examples per batch of {@link OneShotModel#accuracy}
 * @param doublePrecision compute in double precision (gradient checks) instead of float
 * @param source         the project file, for errors
 * @param trainImages    the training images' file in {@code data}, or null for the image task's default name
 * @param trainLabels    the training labels' file in {@code data}, or null for the default name
 */
public record OneShotSpec(String data, int trainSize, int validationSize, long splitSeed, int downsample,
                          int channels, int cells, int batchSize, boolean doublePrecision, String source,
                          String trainImages, String trainLabels) {
    public OneShotSpec {
        Objects.requireNonNull(data, "data");
        if (trainSize < 1 || validationSize < 1 || downsample < 1 || channels < 1 || cells < 1 || batchSize < 1) {
            throw new IllegalArgumentException("sizes, channels, cells and batch size must be positive");
        }
    }
}
