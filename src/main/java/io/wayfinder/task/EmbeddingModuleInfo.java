package io.wayfinder.task;

/**
 * What an embedding module is, for the registry and provenance.
 *
 * @param name           the choice name in the search space, e.g. {@code glove-100d-20k}
 * @param language       e.g. {@code en}
 * @param dimension      vector size
 * @param vocabularySize words in the table
 * @param training       how it was trained, e.g. {@code GloVe 6B (Wikipedia 2014 + Gigaword 5), top 20000 words}
 * @param contentHash    SHA-256 of the table's words and vectors
 * @param source         the file it was read from
 */
public record EmbeddingModuleInfo(String name, String language, int dimension, int vocabularySize, String training,
                                  String contentHash, String source) {
}
