package io.wayfinder.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two-tower (wide-and-deep) text child of the T-AML space, read from a trial's configuration values as a card:
 * the embedding module and whether it is fine-tuned, the deep tower's layers, widths and regularisation, the wide
 * tower's, dropout, the learning rates and the sample budget. A tower whose regularisation is {@code off} is disabled.
 */
public final class TextChildCard {
    static final List<String> KEYS = List.of("embedding", "fineTune", "hiddenLayers", "hiddenSize", "activation",
            "normalisation", "dropout", "deepLearningRate", "deepRegularisation", "wideLearningRate",
            "wideRegularisation", "trainingSamples");

    private TextChildCard() {
    }

    /** One row of the card: a heading row has an empty value. */
    public record Row(String label, String value, List<String> keys) {
    }

    /** The card's rows, or empty when the values are not a two-tower text child's. */
    public static Optional<List<Row>> of(Map<String, String> v) {
        if (!v.keySet().containsAll(KEYS)) {
            return Optional.empty();
        }
        boolean deep = !"off".equals(v.get("deepRegularisation"));
        boolean wide = !"off".equals(v.get("wideRegularisation"));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Deep tower", deep ? "on" : "disabled", List.of("deepRegularisation")));
        if (deep) {
            rows.add(new Row("  embedding module", v.get("embedding") + ("true".equals(v.get("fineTune"))
                    ? ", fine-tuned" : ", frozen"), List.of("embedding", "fineTune")));
            int layers = Integer.parseInt(v.get("hiddenLayers"));
            rows.add(new Row("  hidden layers", layers + " x " + v.get("hiddenSize") + " units, " + v.get("activation")
                    + ("none".equals(v.get("normalisation")) ? "" : ", " + v.get("normalisation").replace('_', ' ')),
                    List.of("hiddenLayers", "hiddenSize", "activation", "normalisation")));
            rows.add(new Row("  dropout", v.get("dropout"), List.of("dropout")));
            rows.add(new Row("  learning rate", v.get("deepLearningRate"), List.of("deepLearningRate")));
            rows.add(new Row("  regularisation (L2)", v.get("deepRegularisation"), List.of("deepRegularisation")));
        }
        rows.add(new Row("Wide tower (bag of words)", wide ? "on" : "disabled", List.of("wideRegularisation")));
        if (wide) {
            rows.add(new Row("  learning rate", v.get("wideLearningRate"), List.of("wideLearningRate")));
            rows.add(new Row("  regularisation (L1)", v.get("wideRegularisation"), List.of("wideRegularisation")));
        }
        rows.add(new Row("Training samples", v.get("trainingSamples"), List.of("trainingSamples")));
        return Optional.of(rows);
    }
}
