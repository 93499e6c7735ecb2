/**
 * Tasks and data: the evaluation seam ({@link io.wayfinder.task.TrialEvaluator},
 * {@link io.wayfinder.task.EvaluatorProvider} found by ServiceLoader), the data directory, tabular benchmarks, and the
 * text-classification data: {@link io.wayfinder.task.TextTaskLoader} (TSV files, label mapping, given or seeded
 * splits), {@link io.wayfinder.task.Tokenizer}, and word-embedding tables in GloVe / word2vec text format
 * ({@link io.wayfinder.task.EmbeddingTable});
 * image tasks: {@link io.wayfinder.task.IdxReader}, {@link io.wayfinder.task.ImageDataSet},
 * {@link io.wayfinder.task.ImageTaskSettings} and {@link io.wayfinder.task.ImageTaskData} (Fashion-MNIST from the
 * Debian package {@code dataset-fashion-mnist}, MNIST from the data directory); and language-model corpora
 * ({@link io.wayfinder.task.LanguageModelCorpus}).
 */
package io.wayfinder.task;
