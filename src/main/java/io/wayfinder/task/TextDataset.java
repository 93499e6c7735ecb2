package io.wayfinder.task;

import java.util.List;

/**
 * A text-classification task's data after loading, label mapping and splitting.
 *
 * @param id          a stable id: folder, label mapping and split, e.g. {@code us-economic-news/relevance}
 * @param hash        SHA-256 over the files' content hashes, the label mapping and the split settings
 * @param classes     class names, index = label
 * @param train       the training split (children train on it)
 * @param validation  the validation split (the reward)
 * @param test        the test split (reported, never shown to a strategy)
 * @param split       how the split was made, e.g. {@code given} or {@code random 80/10/10, seed 0}
 */
public record TextDataset(String id, String hash, List<String> classes, List<TextExample> train,
                          List<TextExample> validation, List<TextExample> test, String split) {

    public int classCount() {
        return classes.size();
    }
}
