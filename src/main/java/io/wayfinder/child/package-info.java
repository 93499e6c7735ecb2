/**
 * Child models: the only package that builds and trains Deeplearning4j networks. The T-AML text child
 * ({@link io.wayfinder.child.TextTrialEvaluator}, task kind {@code text}): a two-tower wide-and-deep classifier
 * ({@link io.wayfinder.child.TwoTowerNetwork}) over embedding modules from
 * {@link io.wayfinder.child.EmbeddingModules} (GloVe tables and Word2Vec tables trained here with DL4J), with the
 * mean-bag-of-words features shared across trials by {@link io.wayfinder.child.FeatureCache}.
 */
package io.wayfinder.child;
