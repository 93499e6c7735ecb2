package io.wayfinder.controller;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How a {@link PolicyLearner} learns.
 *
 * @param controller    the network's shape and sampling settings
 * @param learningRate  Adam's step size
 * @param entropyWeight the entropy bonus (weight of the summed step entropies in the loss)
 * @param baselineDecay decay of the per-task reward moving averages
 */
public record LearnerSettings(ControllerSettings controller, double learningRate, double entropyWeight,
                              double baselineDecay) {

    public LearnerSettings {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, found " + learningRate);
        }
        if (entropyWeight < 0) {
            throw new IllegalArgumentException("entropy weight must be >= 0, found " + entropyWeight);
        }
        if (!(baselineDecay > 0 && baselineDecay < 1)) {
            throw new IllegalArgumentException("baseline decay must be in (0, 1), found " + baselineDecay);
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(controller.hidden());
        out.writeInt(controller.embedding());
        out.writeDouble(controller.initRange());
        out.writeDouble(controller.temperature());
        out.writeDouble(controller.tanhConstant());
        out.writeDouble(learningRate);
        out.writeDouble(entropyWeight);
        out.writeDouble(baselineDecay);
    }

    static LearnerSettings read(DataInputStream in) throws IOException {
        int hidden = in.readInt();
        int embedding = in.readInt();
        if (hidden < 1 || hidden > 4096 || embedding < 1 || embedding > 4096) {
            throw new IOException("bad controller shape " + hidden + " x " + embedding);
        }
        try {
            ControllerSettings c = new ControllerSettings(hidden, embedding, in.readDouble(), in.readDouble(),
                    in.readDouble());
            return new LearnerSettings(c, in.readDouble(), in.readDouble(), in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new IOException("bad learner settings: " + e.getMessage(), e);
        }
    }
}
