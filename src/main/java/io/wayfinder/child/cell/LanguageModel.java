package io.wayfinder.child.cell;

import java.util.function.BooleanSupplier;

/** A word-level language model that trains on token ids and reports perplexity. */
public interface LanguageModel extends AutoCloseable {

    /** One pass over the training tokens in seeded shuffled minibatches; returns the minibatches trained. */
    int trainEpoch(int[] tokens, int epoch, BooleanSupplier cancelled);

    /** exp(mean negative log-likelihood per token) over full minibatches of the tokens. */
    double perplexity(int[] tokens);

    @Override
    void close();
}
