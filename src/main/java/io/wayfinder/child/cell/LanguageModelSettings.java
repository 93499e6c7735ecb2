package io.wayfinder.child.cell;

/**
 * The training budget of one language-model child.
 *
 * @param embedding    word-embedding size
 * @param hidden       cell width
 * @param steps        unrolled time steps per sequence (truncated back-propagation window; state starts at zero)
 * @param batch        sequences per minibatch
 * @param epochs       passes over the training slice
 * @param learningRate Adam's step size
 * @param seed         weights and batch order
 */
public record LanguageModelSettings(int embedding, int hidden, int steps, int batch, int epochs, double learningRate,
                                    long seed) {
    public LanguageModelSettings {
        if (embedding < 1 || hidden < 1 || steps < 1 || batch < 1 || epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("language-model sizes, epochs and learning rate must be positive");
        }
    }
}
