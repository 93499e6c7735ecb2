package io.wayfinder.run;

/**
 * A task as a run used it.
 *
 * @param index       its index in the run
 * @param name        its name
 * @param kind        its kind (tabular, text, image, language-model)
 * @param metric      what its reward measures
 * @param datasetId   the data set it read
 * @param datasetHash the data's content hash
 */
public record TaskRecord(int index, String name, String kind, String metric, String datasetId, String datasetHash) {
}
