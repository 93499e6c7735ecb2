package io.wayfinder.task;

import io.wayfinder.run.InputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A word-embedding table: words in file order (most frequent first in GloVe and word2vec files) and one float vector
 * per word. Reads the standard text formats: GloVe ({@code word v1 ... vd} per line) and word2vec text (the same after
 * a {@code count dim} header line), plain or gzipped. Immutable, so trials share it.
 */
public final class EmbeddingTable {
    private final String[] words;
    private final float[] vectors;
    private final int dimension;
    private final Map<String, Integer> index;

    public EmbeddingTable(String[] words, float[] vectors, int dimension) {
        if (vectors.length != (long) words.length * dimension) {
            throw new IllegalArgumentException("vectors do not match " + words.length + " words x " + dimension);
        }
        this.words = words;
        this.vectors = vectors;
        this.dimension = dimension;
        this.index = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            index.putIfAbsent(words[i], i);
        }
    }

    /**
     * Reads at most {@code maxWords} words (0 = all) from a GloVe or word2vec text file.
     *
     * @throws InputException naming the file and line of a malformed row
     */
    public static EmbeddingTable read(Path file, int maxWords) {
        io.wayfinder.run.InputFiles.rejectNonRegular(file);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            List<String> words = new ArrayList<>();
            float[] vec = new float[1 << 20];
            int dim = -1;
            int lineNo = 0;
            String line;
            while ((line = r.readLine()) != null && (maxWords <= 0 || words.size() < maxWords)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split(" ");
                if (lineNo == 1 && parts.length == 2 && isInt(parts[0]) && isInt(parts[1])) {
                    continue; // word2vec header "count dim"
                }
                if (dim < 0) {
                    dim = parts.length - 1;
                    if (dim < 1) {
                        throw new InputException(file.toString(), "line " + lineNo, "a word then its vector's numbers");
                    }
                } else if (parts.length - 1 != dim) {
                    throw new InputException(file.toString(), "line " + lineNo, "a word and " + dim
                            + " numbers separated by spaces, found " + (parts.length - 1) + " numbers");
                }
                int base = words.size() * dim;
                if (base + dim > vec.length) {
                    vec = Arrays.copyOf(vec, Math.max(vec.length * 2, base + dim));
                }
                for (int k = 0; k < dim; k++) {
                    try {
                        vec[base + k] = Float.parseFloat(parts[k + 1]);
                    } catch (NumberFormatException e) {
                        throw new InputException(file.toString(), "line " + lineNo + ", number " + (k + 1),
                                "a number, found \"" + parts[k + 1] + "\"");
                    }
                }
                words.add(parts[0]);
            }
            if (words.isEmpty()) {
                throw new InputException(file.toString(), "file", "at least one word vector (GloVe or word2vec text)");
            }
            return new EmbeddingTable(words.toArray(String[]::new), Arrays.copyOf(vec, words.size() * dim), dim);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file", "a GloVe or word2vec text file (not found)");
        } catch (IOException e) {
            throw new InputException(file.toString(), "file", "a readable GloVe or word2vec text file ("
                    + e.getMessage() + ")");
        }
    }

    private static boolean isInt(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** Writes the table in word2vec text format (gzipped when the name ends in .gz), atomically. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try (OutputStream raw = Files.newOutputStream(tmp);
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(words.length + " " + dimension + "\n");
            for (int i = 0; i < words.length; i++) {
                w.write(words[i]);
                for (int k = 0; k < dimension; k++) {
                    w.write(' ');
                    w.write(Float.toString(vectors[i * dimension + k]));
                }
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public int size() {
        return words.length;
    }

    public int dimension() {
        return dimension;
    }

    public String word(int i) {
        return words[i];
    }

    /** The row of a word, or -1. */
    public int indexOf(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    /** Adds row {@code i}'s vector into {@code into} at {@code offset}. */
    public void addTo(int i, float[] into, int offset) {
        int base = i * dimension;
        for (int k = 0; k < dimension; k++) {
            into[offset + k] += vectors[base + k];
        }
    }

    /** A copy of row {@code i}. */
    public float[] vector(int i) {
        return Arrays.copyOfRange(vectors, i * dimension, (i + 1) * dimension);
    }

    /** A content hash of the words and vectors. */
    public String contentHash() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(vectors.length * 4);
        b.asFloatBuffer().put(vectors);
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            for (String w : words) {
                md.update(w.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            md.update(b.array());
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
