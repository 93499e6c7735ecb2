package io.wayfinder.child;

import io.wayfinder.space.Configuration;
import io.wayfinder.space.SearchSpace;
import java.util.Map;

/**
 * One child of the T-AML space (METHOD.md section 4), read from a configuration by decision name.
 *
 * @param embedding         the embedding module's name
 * @param fineTune          train the embedding table too
 * @param hiddenLayers      hidden layers of the deep tower
 * @param hiddenSize        units per hidden layer
 * @param activation        {@code relu} or {@code swish}
 * @param normalisation     {@code none}, {@code batch_norm} or {@code layer_norm}
 * @param dropout           dropout rate (probability of dropping a unit)
 * @param deepLearningRate  Adagrad learning rate of the deep tower
 * @param deepL2            L2 weight of the deep tower; NaN when the deep tower is disabled
 * @param wideLearningRate  Adagrad learning rate of the wide tower
 * @param wideL1            L1 weight of the wide tower; NaN when the wide tower is disabled
 * @param trainingSamples   training samples seen (steps x batch size)
 * @param wideFeatures      the wide tower's features (decision {@code wideFeatures}; unigram indicators when the space
 *                          has no such decision, as the paper's)
 */
public record TamlChildConfig(String embedding, boolean fineTune, int hiddenLayers, int hiddenSize, String activation,
                              String normalisation, double dropout, double deepLearningRate, double deepL2,
                              double wideLearningRate, double wideL1, long trainingSamples,
                              WideFeatures.Kind wideFeatures) {

    public TamlChildConfig {
        java.util.Objects.requireNonNull(wideFeatures, "wideFeatures");
    }

    /** A child of the paper's 12 decisions: the wide tower reads unigram indicators. */
    public TamlChildConfig(String embedding, boolean fineTune, int hiddenLayers, int hiddenSize, String activation,
                           String normalisation, double dropout, double deepLearningRate, double deepL2,
                           double wideLearningRate, double wideL1, long trainingSamples) {
        this(embedding, fineTune, hiddenLayers, hiddenSize, activation, normalisation, dropout, deepLearningRate,
                deepL2, wideLearningRate, wideL1, trainingSamples, WideFeatures.Kind.UNIGRAM_INDICATORS);
    }

    public boolean deepTower() {
        return !Double.isNaN(deepL2);
    }

    public boolean wideTower() {
        return !Double.isNaN(wideL1);
    }

    /**
     * Reads a configuration of the T-AML space ({@code sample-projects/spaces/taml-text.json}), or of a space that adds
     * the {@code wideFeatures} decision ({@code taml-text-ngrams.json}).
     */
    public static TamlChildConfig from(SearchSpace space, Configuration c) {
        Map<String, Object> v = space.values(c);
        return new TamlChildConfig(text(v, "embedding"), bool(v, "fineTune"), (int) number(v, "hiddenLayers"),
                (int) number(v, "hiddenSize"), text(v, "activation"), text(v, "normalisation"), number(v, "dropout"),
                number(v, "deepLearningRate"), weightOrOff(v, "deepRegularisation"), number(v, "wideLearningRate"),
                weightOrOff(v, "wideRegularisation"), (long) number(v, "trainingSamples"),
                v.containsKey("wideFeatures") ? WideFeatures.Kind.of(text(v, "wideFeatures"))
                        : WideFeatures.Kind.UNIGRAM_INDICATORS);
    }

    private static Object get(Map<String, Object> v, String name) {
        Object o = v.get(name);
        if (o == null) {
            throw new IllegalArgumentException("the search space has no decision \"" + name + "\": a text task needs "
                    + "the T-AML space (sample-projects/spaces/taml-text.json)");
        }
        return o;
    }

    private static String text(Map<String, Object> v, String name) {
        return String.valueOf(get(v, name));
    }

    private static boolean bool(Map<String, Object> v, String name) {
        Object o = get(v, name);
        return o instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(o));
    }

    private static double number(Map<String, Object> v, String name) {
        Object o = get(v, name);
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("decision " + name + " must have numeric choices, found " + o);
    }

    private static double weightOrOff(Map<String, Object> v, String name) {
        Object o = get(v, name);
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
