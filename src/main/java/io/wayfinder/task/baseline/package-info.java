/**
 * Reference classifiers that a search must beat: today a TF-IDF + logistic-regression baseline for text tasks
 * (liblinear-java), trained with its hyper-parameter chosen on the validation split.
 */
package io.wayfinder.task.baseline;
