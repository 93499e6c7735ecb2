package io.wayfinder.task;

import io.wayfinder.run.InputException;
import io.wayfinder.project.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Loads a text-classification task from a folder of UTF-8 TSV files ({@code label<TAB>text}, no header): either
 * {@code train.tsv} / {@code dev.tsv} / {@code test.tsv} (given splits kept; without {@code dev.tsv} a seeded 10% of
 * the training file becomes the validation split), or one {@code data.tsv} split 80/10/10 at random with a recorded
 * seed. Every malformed line is an {@link InputException} naming the file and the line.
 *
 * <p>Task settings: {@code splitSeed} (default 0; fixed per task, not the run seed, so every run of a task sees the
 * same split), {@code groupLines} (split whole groups of this many consecutive lines with the same label instead of
 * single lines: the Brown corpus, whose sentences are in document order, is split by pseudo-document this way),
 * {@code maxTrain} / {@code maxEval} (keep at most this many training / validation and test examples: for tests),
 * and the label mapping of {@link LabelMapping}.
 */
public final class TextTaskLoader {
    private TextTaskLoader() {
    }

    /** One raw row: label, text and line number. */
    private record Row(String label, String text, int line) {
    }

    public static TextDataset load(Path location, Settings s) {
        LabelMapping mapping = LabelMapping.from(s);
        long seed = s.longValue("splitSeed", 0);
        int groupLines = s.integer("groupLines", 0, 0, 1_000_000);
        int maxTrain = s.integer("maxTrain", 0, 0, 100_000_000);
        int maxEval = s.integer("maxEval", 0, 0, 100_000_000);
        Path dir = location;
        Path single = null;
        if (Files.isRegularFile(location)) {
            single = location;
            dir = location.getParent();
        } else if (!Files.isDirectory(location)) {
            throw new InputException(location.toString(), "file", "a folder with data.tsv or train.tsv/test.tsv "
                    + "(not found; is the data directory right? set --data or WAYFINDER_DATA)");
        } else if (Files.isRegularFile(location.resolve("data.tsv"))) {
            single = location.resolve("data.tsv");
        }
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        StringBuilder hashInput = new StringBuilder();
        List<Row> train;
        List<Row> validation;
        List<Row> test;
        String split;
        if (single != null) {
            List<Row> all = read(single, mapping);
            hashInput.append(single.getFileName()).append(FileHash.sha256(single));
            List<List<Row>> groups = groups(all, groupLines);
            shuffle(groups, seed);
            int n = groups.size();
            int nTrain = (int) Math.round(n * 0.8);
            int nVal = (int) Math.round(n * 0.1);
            train = flatten(groups.subList(0, nTrain));
            validation = flatten(groups.subList(nTrain, nTrain + nVal));
            test = flatten(groups.subList(nTrain + nVal, n));
            split = "random 80/10/10 of " + (groupLines > 0 ? "groups of " + groupLines + " lines" : "lines")
                    + ", seed " + seed;
        } else {
            Path trainFile = dir.resolve("train.tsv");
            Path testFile = dir.resolve("test.tsv");
            Path devFile = dir.resolve("dev.tsv");
            if (!Files.isRegularFile(trainFile) || !Files.isRegularFile(testFile)) {
                throw new InputException(dir.toString(), "file", "data.tsv, or train.tsv and test.tsv (and "
                        + "optionally dev.tsv)");
            }
            train = read(trainFile, mapping);
            test = read(testFile, mapping);
            hashInput.append("train").append(FileHash.sha256(trainFile)).append("test").append(FileHash.sha256(testFile));
            if (Files.isRegularFile(devFile)) {
                validation = read(devFile, mapping);
                hashInput.append("dev").append(FileHash.sha256(devFile));
                split = "given train/dev/test";
            } else {
                List<List<Row>> groups = groups(train, groupLines);
                shuffle(groups, seed);
                int nVal = (int) Math.round(groups.size() * 0.1);
                validation = flatten(groups.subList(0, nVal));
                train = flatten(groups.subList(nVal, groups.size()));
                split = "given train/test; validation a random 10% of train, seed " + seed;
            }
        }
        if (maxTrain > 0 && train.size() > maxTrain) {
            train = train.subList(0, maxTrain);
        }
        if (maxEval > 0) {
            validation = validation.size() > maxEval ? validation.subList(0, maxEval) : validation;
            test = test.size() > maxEval ? test.subList(0, maxEval) : test;
        }
        if (train.isEmpty() || validation.isEmpty() || test.isEmpty()) {
            throw new InputException(location.toString(), "file", "enough rows for non-empty train, validation "
                    + "and test splits (found " + train.size() + " / " + validation.size() + " / " + test.size() + ")");
        }
        // class indices in sorted order of the class names, so they do not depend on file order
        TreeSet<String> names = new TreeSet<>();
        for (List<Row> part : List.of(train, validation, test)) {
            part.forEach(r -> names.add(r.label()));
        }
        for (String name : names) {
            classIndex.put(name, classIndex.size());
        }
        if (classIndex.size() < 2) {
            throw new InputException(location.toString(), "labels", "at least two classes after label mapping, "
                    + "found " + classIndex.keySet());
        }
        String folder = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        String id = folder + (mapping.name().isEmpty() ? "" : "/" + mapping.name());
        String hash = FileHash.sha256(hashInput + "|" + mapping.describe() + "|" + split + "|" + maxTrain + "|" + maxEval);
        return new TextDataset(id, hash, List.copyOf(classIndex.keySet()), examples(train, classIndex),
                examples(validation, classIndex), examples(test, classIndex), split);
    }

    private static List<Row> read(Path file, LabelMapping mapping) {
        io.wayfinder.run.InputFiles.rejectNonRegular(file);
        List<Row> rows = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int lineNo = 0;
            while ((line = readLine(in, file, lineNo + 1)) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new InputException(file.toString(), "line " + lineNo, "label<TAB>text, found no tab");
                }
                String label = line.substring(0, tab).strip();
                String text = line.substring(tab + 1).strip();
                if (label.isEmpty()) {
                    throw new InputException(file.toString(), "line " + lineNo, "a label before the tab");
                }
                if (text.isEmpty()) {
                    throw new InputException(file.toString(), "line " + lineNo, "text after the tab");
                }
                String mapped = mapping.apply(label);
                if (mapped != null) {
                    rows.add(new Row(mapped, text, lineNo));
                }
            }
        } catch (IOException e) {
            throw new InputException(file.toString(), "file", "a readable UTF-8 file (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw new InputException(file.toString(), "file", "at least one label<TAB>text row");
        }
        return rows;
    }

    private static String readLine(BufferedReader in, Path file, int lineNo) throws IOException {
        try {
            return in.readLine();
        } catch (CharacterCodingException e) {
            throw new InputException(file.toString(), "line " + lineNo, "UTF-8 text (" + e + ")");
        }
    }

    /** Consecutive lines grouped: single lines, or runs of up to {@code size} lines with the same label. */
    private static List<List<Row>> groups(List<Row> rows, int size) {
        List<List<Row>> out = new ArrayList<>();
        List<Row> cur = new ArrayList<>();
        for (Row r : rows) {
            boolean full = size <= 0 || cur.size() >= size;
            if (!cur.isEmpty() && (full || !cur.get(0).label().equals(r.label()))) {
                out.add(cur);
                cur = new ArrayList<>();
            }
            cur.add(r);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    private static <T> void shuffle(List<T> xs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = xs.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = xs.get(i);
            xs.set(i, xs.get(j));
            xs.set(j, t);
        }
    }

    private static List<Row> flatten(List<List<Row>> groups) {
        List<Row> out = new ArrayList<>();
        groups.forEach(out::addAll);
        return out;
    }

    private static List<TextExample> examples(List<Row> rows, Map<String, Integer> classIndex) {
        List<TextExample> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new TextExample(classIndex.get(r.label()), Tokenizer.tokens(r.text()).toArray(String[]::new)));
        }
        return List.copyOf(out);
    }
}
