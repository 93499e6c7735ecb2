package io.wayfinder.child;

import io.wayfinder.task.EmbeddingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.models.embeddings.learning.impl.elements.CBOW;
import org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * Trains a word2vec table with Deeplearning4j's {@link Word2Vec} on pre-tokenised sentences (tokens joined by single
 * spaces, so DL4J's whitespace tokeniser sees exactly the project's tokens).
 *
 * @param skipGram      skip-gram when true, CBOW otherwise
 * @param dimension     vector size
 * @param window        context window
 * @param minFrequency  words seen fewer times are left out
 * @param epochs        passes over the corpus
 * @param seed          random seed
 */
public record Word2VecTrainer(boolean skipGram, int dimension, int window, int minFrequency, int epochs, long seed) {

    /** The settings in one line, part of the cache key. */
    public String describe() {
        return (skipGram ? "skip-gram" : "CBOW") + " dim=" + dimension + " window=" + window + " minFrequency="
                + minFrequency + " epochs=" + epochs + " seed=" + seed + " negative=5 (DL4J 1.0.0-M2.1 Word2Vec)";
    }

    public EmbeddingTable train(Collection<String> sentences) {
        Word2Vec vec = new Word2Vec.Builder()
                .layerSize(dimension)
                .windowSize(window)
                .minWordFrequency(minFrequency)
                .epochs(epochs)
                .iterations(1)
                .seed(seed)
                .negativeSample(5)
                .useHierarchicSoftmax(false)
                // the batched CBOW op of DL4J 1.0.0-M2.1 fails ("context must have rank 0/1 or 2") and its worker
                // thread dies leaving fit() waiting forever; one example per op call avoids that path
                .batchSize(skipGram ? 512 : 1)
                .learningRate(0.025)
                .minLearningRate(1e-4)
                .sampling(1e-4)
                .workers(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                .elementsLearningAlgorithm(skipGram ? new SkipGram<VocabWord>() : new CBOW<VocabWord>())
                .iterate(new CollectionSentenceIterator(sentences))
                .tokenizerFactory(new DefaultTokenizerFactory())
                .build();
        vec.fit();
        List<VocabWord> vocab = new ArrayList<>(vec.getVocab().vocabWords());
        vocab.sort((a, b) -> Double.compare(b.getElementFrequency(), a.getElementFrequency()));
        String[] words = new String[vocab.size()];
        float[] vectors = new float[vocab.size() * dimension];
        for (int i = 0; i < vocab.size(); i++) {
            words[i] = vocab.get(i).getLabel();
            double[] v = vec.getWordVector(words[i]);
            for (int k = 0; k < dimension; k++) {
                vectors[i * dimension + k] = (float) v[k];
            }
        }
        return new EmbeddingTable(words, vectors, dimension);
    }
}
