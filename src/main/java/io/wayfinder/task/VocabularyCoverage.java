package io.wayfinder.task;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How much of a split's text an embedding module misses: the share of tokens (running words, as the
 * {@link Tokenizer} makes them) and of distinct types that the module has no vector for. A deep tower on a frozen
 * module sees only the covered tokens of a text (the missing ones are skipped before pooling), so a high token share
 * means many texts reach the deep tower as a few words, or none.
 *
 * @param split        train, validation or test
 * @param tokens       tokens in the split
 * @param missingTokens of those, tokens the module has no vector for
 * @param types        distinct tokens in the split
 * @param missingTypes of those, types the module has no vector for
 * @param emptyTexts   texts with no covered token at all (the deep tower sees nothing of them)
 * @param texts        texts in the split
 */
public record VocabularyCoverage(String split, long tokens, long missingTokens, int types, int missingTypes,
                                 int emptyTexts, int texts) {

    /** Share of tokens not covered, 0..1 (NaN for an empty split). */
    public double tokenOov() {
        return tokens == 0 ? Double.NaN : (double) missingTokens / tokens;
    }

    /** Share of distinct types not covered, 0..1 (NaN for an empty split). */
    public double typeOov() {
        return types == 0 ? Double.NaN : (double) missingTypes / types;
    }

    /** One split's coverage by a vocabulary. */
    public static VocabularyCoverage of(String split, List<TextExample> examples, Predicate<String> covered) {
        long tokens = 0;
        long missing = 0;
        int empty = 0;
        Set<String> types = new HashSet<>();
        Set<String> missingTypes = new HashSet<>();
        for (TextExample e : examples) {
            int hits = 0;
            for (String t : e.tokens()) {
                tokens++;
                boolean in = covered.test(t);
                types.add(t);
                if (in) {
                    hits++;
                } else {
                    missing++;
                    missingTypes.add(t);
                }
            }
            if (hits == 0) {
                empty++;
            }
        }
        return new VocabularyCoverage(split, tokens, missing, types.size(), missingTypes.size(), empty,
                examples.size());
    }

    /** Train, validation and test coverage of a data set by an embedding table. */
    public static List<VocabularyCoverage> of(TextDataset data, EmbeddingTable table) {
        Predicate<String> covered = w -> table.indexOf(w) >= 0;
        return List.of(of("train", data.train(), covered), of("validation", data.validation(), covered),
                of("test", data.test(), covered));
    }

    /** A token the module lacks and how often it occurs. */
    public record Missing(String token, int count) {
    }

    /** The {@code n} most frequent tokens of these texts that are not covered (ties: alphabetical). */
    public static List<Missing> mostFrequentMissing(List<TextExample> examples, Predicate<String> covered, int n) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (TextExample e : examples) {
            for (String t : e.tokens()) {
                if (!covered.test(t)) {
                    counts.merge(t, 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(n).map(e -> new Missing(e.getKey(), e.getValue())).toList();
    }
}
