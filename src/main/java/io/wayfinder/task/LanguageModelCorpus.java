package io.wayfinder.task;

import io.wayfinder.run.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word-level language-modelling corpus in the Penn Treebank layout: {@code ptb.train.txt}, {@code ptb.valid.txt},
 * {@code ptb.test.txt}, one sentence per line, tokens separated by spaces, an {@code <eos>} token added per line.
 * Slices (the first N tokens of each split) and a vocabulary cap (the most frequent training words; the rest map to
 * {@code <unk>}) keep a trial within a CPU budget.
 *
 * @param train      token ids of the training slice
 * @param valid      token ids of the validation slice
 * @param test       token ids of the test slice
 * @param vocabulary id to word; id 0 is {@code <unk>}
 */
public record LanguageModelCorpus(int[] train, int[] valid, int[] test, List<String> vocabulary) {
    public static final String UNK = "<unk>";
    public static final String EOS = "<eos>";

    /** The three file names a corpus directory must hold. */
    public static final List<String> FILES = List.of("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt");

    /**
     * Reads a corpus directory.
     *
     * @param maxVocabulary cap on the vocabulary (including {@code <unk>} and {@code <eos>})
     * @throws InputException naming the missing or unreadable file
     */
    public static LanguageModelCorpus read(Path dir, int trainTokens, int validTokens, int testTokens,
                                           int maxVocabulary) {
        if (maxVocabulary < 3) {
            throw new IllegalArgumentException("the vocabulary needs at least 3 words");
        }
        List<String> train = tokens(dir.resolve(FILES.get(0)), trainTokens);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : train) {
            counts.merge(w, 1, Integer::sum);
        }
        List<String> vocab = new ArrayList<>(List.of(UNK, EOS));
        counts.entrySet().stream()
                .filter(e -> !e.getKey().equals(UNK) && !e.getKey().equals(EOS))
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : b.getValue() - a.getValue())
                .limit(maxVocabulary - 2L)
                .forEach(e -> vocab.add(e.getKey()));
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        return new LanguageModelCorpus(encode(train, ids), encode(tokens(dir.resolve(FILES.get(1)), validTokens), ids),
                encode(tokens(dir.resolve(FILES.get(2)), testTokens), ids), List.copyOf(vocab));
    }

    private static int[] encode(List<String> words, Map<String, Integer> ids) {
        return words.stream().mapToInt(w -> ids.getOrDefault(w, 0)).toArray();
    }

    private static List<String> tokens(Path file, int limit) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), "file", "a Penn Treebank split (" + FILES
                    + " in the task's data directory); see ../shared/datasets/ptb");
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null && out.size() < limit) {
                lineNo++;
                String t = line.strip();
                if (t.indexOf('\t') >= 0) {
                    throw new InputException(file.toString(), "line " + lineNo,
                            "words separated by spaces (found a tab)");
                }
                if (!t.isEmpty()) {
                    out.addAll(Arrays.asList(t.split(" +")));
                }
                out.add(EOS);
            }
        } catch (IOException e) {
            throw new InputException(file.toString(), "file", "a readable text file (" + e.getMessage() + ")");
        }
        if (out.size() < 2) {
            throw new InputException(file.toString(), "file", "at least two tokens");
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }
}
