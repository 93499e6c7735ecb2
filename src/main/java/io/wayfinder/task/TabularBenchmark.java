package io.wayfinder.task;

import io.wayfinder.run.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tab-separated table of architectures and their scores, such as NAS-Bench-201's: a header row, then one row per
 * (task, architecture). Loaded once per file and shared.
 */
public final class TabularBenchmark {
    private static final Map<String, TabularBenchmark> CACHE = new ConcurrentHashMap<>();

    private final Path file;
    private final String[] header;
    private final Map<String, Integer> columns;
    private final List<String[]> rows;
    private final String hash;

    private TabularBenchmark(Path file, String[] header, List<String[]> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.put(header[i], i);
        }
        this.hash = FileHash.sha256(file);
    }

    /** Loads (or returns the cached copy of) a table; a missing file or a ragged line is an {@link InputException}. */
    public static TabularBenchmark load(Path file) {
        io.wayfinder.run.InputFiles.rejectNonRegular(file);
        try {
            String key = file.toAbsolutePath().normalize() + "|" + Files.getLastModifiedTime(file).toMillis();
            return CACHE.computeIfAbsent(key, k -> read(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file", "the tabular benchmark file (not found; is the data "
                    + "directory right? set --data or WAYFINDER_DATA)");
        } catch (IOException e) {
            throw new InputException(file.toString(), "file", "a readable file (" + e.getMessage() + ")");
        }
    }

    private static TabularBenchmark read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new InputException(file.toString(), "line 1", "a header row of tab-separated column names");
            }
            String[] header = first.split("\t", -1);
            java.util.ArrayList<String[]> rows = new java.util.ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != header.length) {
                    throw new InputException(file.toString(), "line " + lineNo, header.length
                            + " tab-separated cells as in the header, found " + cells.length);
                }
                rows.add(cells);
            }
            return new TabularBenchmark(file, header, rows);
        } catch (IOException e) {
            throw new InputException(file.toString(), "file", "a readable file (" + e.getMessage() + ")");
        }
    }

    public Path file() {
        return file;
    }

    public String hash() {
        return hash;
    }

    public int column(String name) {
        Integer c = columns.get(name);
        if (c == null) {
            throw new InputException(file.toString(), "line 1", "a column named \"" + name + "\" (columns: "
                    + String.join(", ", header) + ")");
        }
        return c;
    }

    public List<String[]> rows() {
        return rows;
    }

    /**
     * An index from key columns to a row for the rows whose {@code filterColumn} equals {@code filterValue}
     * (no filter when the column is null). A number cell that does not parse names its line.
     */
    public Index index(String filterColumn, String filterValue, List<String> keyColumns, String rewardColumn,
                       String testColumn) {
        int f = filterColumn == null ? -1 : column(filterColumn);
        int[] keys = keyColumns.stream().mapToInt(this::column).toArray();
        int r = column(rewardColumn);
        int t = testColumn == null ? -1 : column(testColumn);
        Map<String, double[]> map = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            if (f >= 0 && !row[f].equals(filterValue)) {
                continue;
            }
            String key = key(Arrays.stream(keys).mapToObj(k -> row[k]).toArray(String[]::new));
            double reward = parse(row[r], i, rewardColumn);
            double test = t < 0 ? Double.NaN : parse(row[t], i, testColumn);
            if (map.put(key, new double[] {reward, test}) != null) {
                throw new InputException(file.toString(), "line " + (i + 2), "one row per architecture, but "
                        + key + " appears again");
            }
        }
        if (map.isEmpty()) {
            java.util.TreeSet<String> existing = new java.util.TreeSet<>();
            if (f >= 0) {
                for (String[] row : rows) {
                    existing.add(row[f]);
                }
            }
            throw new InputException(file.toString(), filterColumn == null ? "rows" : "column " + filterColumn,
                    "rows for task \"" + filterValue + "\"" + (existing.isEmpty() ? ""
                            : " (the table has " + (existing.size() <= 20 ? String.join(", ", existing)
                            : String.join(", ", new ArrayList<>(existing).subList(0, 20)) + ", ... ("
                            + existing.size() + " in all)") + ")"));
        }
        return new Index(map);
    }

    private double parse(String cell, int row, String column) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new InputException(file.toString(), "line " + (row + 2) + ", column " + column,
                    "a number, found \"" + cell + "\"");
        }
    }

    static String key(String[] values) {
        return String.join("\u0001", values);
    }

    /** Rows of one task by key. */
    public static final class Index {
        private final Map<String, double[]> byKey;

        Index(Map<String, double[]> byKey) {
            this.byKey = byKey;
        }

        public int size() {
            return byKey.size();
        }

        /** {reward, test} or null. */
        public double[] lookup(String[] keyValues) {
            return byKey.get(key(keyValues));
        }
    }
}
