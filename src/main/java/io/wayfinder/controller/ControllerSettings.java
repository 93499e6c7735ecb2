package io.wayfinder.controller;

/**
 * The shape and sampling settings of an {@link LstmController}.
 *
 * @param hidden       LSTM units per layer (the papers use 50)
 * @param embedding    size of action and task embeddings (25)
 * @param initRange    weights start uniform in [-initRange, initRange], so the first policy is nearly uniform
 * @param temperature  logits are divided by this before the softmax (1 = none)
 * @param tanhConstant if positive, logits become {@code c * tanh(logits / temperature)} (Zoph &amp; Le's trick to keep
 *                     the policy from collapsing); 0 switches it off
 */
public record ControllerSettings(int hidden, int embedding, double initRange, double temperature, double tanhConstant) {

    public static final ControllerSettings PAPER = new ControllerSettings(50, 25, 0.08, 1.0, 0.0);

    public ControllerSettings {
        if (hidden < 1 || embedding < 1) {
            throw new IllegalArgumentException("hidden and embedding sizes must be positive");
        }
        if (!(initRange > 0) || !(temperature > 0) || tanhConstant < 0) {
            throw new IllegalArgumentException("initRange and temperature must be positive, tanhConstant >= 0");
        }
    }
}
