package io.wayfinder.run;

/**
 * A reference result stored beside a project's runs: a non-searched method (e.g. TF-IDF + logistic regression)
 * trained on one task, with the setting chosen on validation, its validation and test accuracy, and the data set it
 * saw (so a changed data set is a different reference).
 */
public record BaselineRecord(String project, String task, String method, String setting, double validation,
                             double test, String datasetId, String datasetHash, long createdMillis) {
}
