package io.wayfinder.child;

import io.wayfinder.task.EmbeddingTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a word2vec table (Mikolov et al. 2013: CBOW or skip-gram with negative sampling, frequent-word subsampling,
 * linearly decaying learning rate, random window shrinking, as in the reference {@code word2vec.c}) on pre-tokenised
 * sentences, in plain Java on one thread.
 *
 * <p>Why not Deeplearning4j's {@code Word2Vec}, which this class used before: in 1.0.0-M2.1 its batched CBOW op fails
 * ("context must have rank 0/1 or 2") and hangs {@code fit()}, so CBOW ran one native op per word (40-90 us each):
 * 22 minutes and 12 GB peak RSS for CBOW-100d on the shared corpora, with several worker threads racing on the
 * tables, hence not reproducible. This loop touches only the few rows a word needs (about 2,000 multiply-adds per
 * word at 100 dimensions), holds the corpus as int arrays and two {@code float[vocabulary x dimension]} tables, and
 * is single-threaded with an explicit seed: the same corpus, settings and seed give the same table, bit for bit.
 *
 * @param skipGram      skip-gram when true, CBOW otherwise
 * @param dimension     vector size
 * @param window        context window (each side; shrunk at random per word, as in word2vec.c)
 * @param minFrequency  words seen fewer times are left out
 * @param epochs        passes over the corpus
 * @param seed          random seed
 */
public record Word2VecTrainer(boolean skipGram, int dimension, int window, int minFrequency, int epochs, long seed) {
    /** Negative samples per word. */
    public static final int NEGATIVE = 5;
    /** Subsampling threshold of frequent words. */
    public static final double SAMPLE = 1e-4;
    private static final double MAX_EXP = 6.0;

    public Word2VecTrainer {
        if (dimension < 1 || window < 1 || minFrequency < 1 || epochs < 1) {
            throw new IllegalArgumentException("dimension, window, minFrequency and epochs must be >= 1");
        }
    }

    /** Where a build is: called about once a second and at the end of every stage. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param stage      what it does now, e.g. {@code training epoch 1/2}
         * @param done       words done in this build's training so far
         * @param total      words the whole training will process
         * @param wordsPerSecond training speed so far
         */
        void report(String stage, long done, long total, double wordsPerSecond);

        Progress NONE = (stage, done, total, rate) -> { };
    }

    /** The learning rate at the start (word2vec.c's defaults: 0.05 for CBOW, 0.025 for skip-gram). */
    public double startLearningRate() {
        return skipGram ? 0.025 : 0.05;
    }

    /** The settings in one line, part of the cache key. */
    public String describe() {
        return (skipGram ? "skip-gram" : "CBOW") + " dim=" + dimension + " window=" + window + " minFrequency="
                + minFrequency + " epochs=" + epochs + " seed=" + seed + " negative=" + NEGATIVE + " sample=" + SAMPLE
                + " alpha=" + startLearningRate() + " (Wayfinder word2vec v1, one thread)";
    }

    public EmbeddingTable train(List<String[]> sentences) {
        return train(sentences, Progress.NONE);
    }

    /** Trains on sentences given as token arrays; reports progress to {@code progress}. */
    public EmbeddingTable train(List<String[]> sentences, Progress progress) {
        progress.report("counting words", 0, 0, 0);
        Map<String, int[]> counts = new HashMap<>();
        for (String[] s : sentences) {
            for (String t : s) {
                counts.computeIfAbsent(t, k -> new int[1])[0]++;
            }
        }
        List<Map.Entry<String, int[]>> kept = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minFrequency) {
                kept.add(e);
            }
        }
        kept.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        int vocabulary = kept.size();
        String[] words = new String[vocabulary];
        long[] frequency = new long[vocabulary];
        Map<String, Integer> index = new HashMap<>(vocabulary * 2);
        for (int i = 0; i < vocabulary; i++) {
            words[i] = kept.get(i).getKey();
            frequency[i] = kept.get(i).getValue()[0];
            index.put(words[i], i);
        }
        counts = null;
        kept = null;
        List<int[]> corpus = new ArrayList<>(sentences.size());
        long trainWords = 0;
        for (String[] s : sentences) {
            int[] ids = new int[s.length];
            int n = 0;
            for (String t : s) {
                Integer id = index.get(t);
                if (id != null) {
                    ids[n++] = id;
                }
            }
            if (n > 1) {
                corpus.add(n == ids.length ? ids : Arrays.copyOf(ids, n));
                trainWords += n;
            }
        }
        if (vocabulary == 0) {
            return new EmbeddingTable(new String[0], new float[0], dimension);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] in = new float[vocabulary * dimension];
        float[] out = new float[vocabulary * dimension];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) ((rnd.nextDouble() - 0.5) / dimension);
        }
        double[] keep = new double[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
            double f = frequency[i] / (double) trainWords;
            keep[i] = Math.min(1.0, (Math.sqrt(f / SAMPLE) + 1) * SAMPLE / f);
        }
        double[] noise = new double[vocabulary]; // cumulative unigram^0.75
        double z = 0;
        for (int i = 0; i < vocabulary; i++) {
            z += Math.pow(frequency[i], 0.75);
            noise[i] = z;
        }
        for (int i = 0; i < vocabulary; i++) {
            noise[i] /= z;
        }
        long total = trainWords * epochs;
        double alpha0 = startLearningRate();
        float[] hidden = new float[dimension];
        float[] error = new float[dimension];
        int[] kept2 = new int[64];
        long done = 0;
        long t0 = System.nanoTime();
        long lastReport = t0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            String stage = "training epoch " + (epoch + 1) + "/" + epochs;
            for (int[] sentence : corpus) {
                if (kept2.length < sentence.length) {
                    kept2 = new int[sentence.length];
                }
                int n = 0;
                for (int w : sentence) {
                    if (keep[w] >= 1.0 || rnd.nextDouble() < keep[w]) {
                        kept2[n++] = w;
                    }
                }
                double alpha = Math.max(alpha0 * 1e-4, alpha0 * (1 - done / (double) (total + 1)));
                for (int pos = 0; pos < n; pos++) {
                    int b = rnd.nextInt(window);
                    int from = Math.max(0, pos - window + b);
                    int to = Math.min(n - 1, pos + window - b);
                    int word = kept2[pos];
                    if (skipGram) {
                        for (int c = from; c <= to; c++) {
                            if (c != pos) {
                                Arrays.fill(error, 0f);
                                int ctx = kept2[c] * dimension;
                                negativeSampling(in, ctx, out, word, error, (float) alpha, rnd, noise);
                                for (int k = 0; k < dimension; k++) {
                                    in[ctx + k] += error[k];
                                }
                            }
                        }
                    } else {
                        Arrays.fill(hidden, 0f);
                        int contexts = 0;
                        for (int c = from; c <= to; c++) {
                            if (c != pos) {
                                int ctx = kept2[c] * dimension;
                                for (int k = 0; k < dimension; k++) {
                                    hidden[k] += in[ctx + k];
                                }
                                contexts++;
                            }
                        }
                        if (contexts == 0) {
                            continue;
                        }
                        float inv = 1f / contexts;
                        for (int k = 0; k < dimension; k++) {
                            hidden[k] *= inv;
                        }
                        Arrays.fill(error, 0f);
                        negativeSampling(hidden, 0, out, word, error, (float) alpha, rnd, noise);
                        for (int c = from; c <= to; c++) {
                            if (c != pos) {
                                int ctx = kept2[c] * dimension;
                                for (int k = 0; k < dimension; k++) {
                                    in[ctx + k] += error[k];
                                }
                            }
                        }
                    }
                }
                done += sentence.length;
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    lastReport = now;
                    progress.report(stage, done, total, done / ((now - t0) / 1e9));
                }
            }
            long now = System.nanoTime();
            progress.report(stage + " done", done, total, done / Math.max(1e-9, (now - t0) / 1e9));
        }
        return new EmbeddingTable(words, in, dimension);
    }

    /**
     * One positive and {@link #NEGATIVE} negative logistic updates of the output rows against the vector at
     * {@code v[offset..]}; accumulates the input-side gradient step in {@code error}.
     */
    private void negativeSampling(float[] v, int offset, float[] out, int word, float[] error, float alpha,
                                  SplittableRandom rnd, double[] noise) {
        for (int d = 0; d <= NEGATIVE; d++) {
            int target;
            int label;
            if (d == 0) {
                target = word;
                label = 1;
            } else {
                target = sample(noise, rnd.nextDouble());
                if (target == word) {
                    continue;
                }
                label = 0;
            }
            int row = target * dimension;
            float f = 0f;
            for (int k = 0; k < dimension; k++) {
                f += v[offset + k] * out[row + k];
            }
            float g;
            if (f > MAX_EXP) {
                g = (label - 1) * alpha;
            } else if (f < -MAX_EXP) {
                g = label * alpha;
            } else {
                g = (float) ((label - 1.0 / (1.0 + Math.exp(-f))) * alpha);
            }
            for (int k = 0; k < dimension; k++) {
                error[k] += g * out[row + k];
                out[row + k] += g * v[offset + k];
            }
        }
    }

    private static int sample(double[] cumulative, double u) {
        int i = Arrays.binarySearch(cumulative, u);
        int at = i >= 0 ? i : -i - 1;
        return Math.min(at, cumulative.length - 1);
    }
}
