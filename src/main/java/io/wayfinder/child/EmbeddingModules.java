package io.wayfinder.child;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.project.Settings;
import io.wayfinder.task.EmbeddingModuleInfo;
import io.wayfinder.task.EmbeddingTable;
import io.wayfinder.task.FileHash;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextExample;
import io.wayfinder.task.TextTaskLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The registry of embedding modules (decision 1 of the T-AML space). Built in:
 * <ul>
 *   <li>{@code glove-100d-100k}, {@code glove-100d-20k}: GloVe 6B 100d ({@code glove-6B-100d/} in the data
 *       directory), its 100,000 or 20,000 most frequent words;</li>
 *   <li>{@code w2v-skipgram-50d}, {@code w2v-skipgram-100d}, {@code w2v-cbow-50d}, {@code w2v-cbow-100d}: trained
 *       once with {@link Word2VecTrainer} on the training splits of the corpus tasks ({@link #DEFAULT_CORPUS}, or the
 *       task setting {@code embeddingCorpus}), cached in {@code <cache>/embeddings/} under a name that holds the hash
 *       of the corpus files and the training settings (so they are rebuilt exactly when an input changes), with a
 *       {@code .json} provenance file beside them.</li>
 * </ul>
 * User modules: the task setting {@code "modules": {"my-vectors": "path/to/vectors.txt[.gz]"}} adds a GloVe or
 * word2vec text file under a name (relative paths resolve like task data). Loaded modules are shared by every
 * evaluator in the process; loading is thread-safe and happens once per module.
 */
public final class EmbeddingModules {
    /** Corpus tasks for the word2vec modules: the smaller text data sets (training splits only). */
    public static final List<String> DEFAULT_CORPUS = List.of("sst2", "airline-sentiment", "news-aggregator",
            "us-economic-news", "political-bias", "primary-emotions", "sms-spam", "cr", "disasters", "mr",
            "text-emotion");
    public static final String GLOVE_FILE = "glove-6B-100d/glove.6B.100d.top100k.txt.gz";
    public static final List<String> BUILT_IN = List.of("glove-100d-100k", "glove-100d-20k", "w2v-skipgram-50d",
            "w2v-skipgram-100d", "w2v-cbow-50d", "w2v-cbow-100d");

    private static final ComputeOnce<EmbeddingModule> LOADED = new ComputeOnce<>();

    private final TaskEnvironment environment;
    private final Map<String, Path> userFiles = new LinkedHashMap<>();
    private final List<String> corpus;
    private final int word2vecEpochs;
    private java.util.function.Function<String, ModuleBuildProgress> progressFactory = ModuleBuildProgress::console;

    public EmbeddingModules(TaskEnvironment environment, Settings settings) {
        this.environment = environment;
        List<String> c = settings.strings("embeddingCorpus");
        this.corpus = c.isEmpty() ? DEFAULT_CORPUS : c;
        this.word2vecEpochs = settings.integer("word2vecEpochs", 2, 1, 1000);
        settings.child("modules").ifPresent(m -> m.node().fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw m.error(e.getKey(), "the path of a GloVe or word2vec text file");
            }
            userFiles.put(e.getKey(), environment.resolve(e.getValue().asText()));
        }));
    }

    /** Where word2vec builds report their progress (default: standard error, redrawn in place on a terminal). */
    public EmbeddingModules progress(java.util.function.Function<String, ModuleBuildProgress> factory) {
        this.progressFactory = factory;
        return this;
    }

    /** Forgets the modules loaded in this process (tests of the on-disk cache). */
    static void forgetLoaded() {
        LOADED.clear();
    }

    /** Every module name this registry can load. */
    public List<String> names() {
        List<String> out = new ArrayList<>(BUILT_IN);
        out.addAll(userFiles.keySet());
        return out;
    }

    public boolean knows(String name) {
        return userFiles.containsKey(name) || BUILT_IN.contains(name);
    }

    /** Loads (once per process) or returns the module; builds a word2vec module first when it is not cached. */
    public EmbeddingModule get(String name) {
        String key;
        java.util.function.Supplier<EmbeddingModule> loader;
        if (userFiles.containsKey(name)) {
            Path file = userFiles.get(name);
            key = "file|" + file.toAbsolutePath() + "|" + name;
            loader = () -> fromFile(name, name, file, 0, "user-supplied file " + file.getFileName());
        } else if (isGlove(name)) {
            Path file = gloveFile();
            int words = name.endsWith("100k") ? 100_000 : 20_000;
            key = "glove|" + file.toAbsolutePath() + "|" + words;
            loader = () -> fromFile(name, name, file, words, "GloVe 6B 100d (Wikipedia 2014 + Gigaword 5, 6B tokens), the "
                    + words + " most frequent words");
        } else if (isWord2Vec(name)) {
            Word2VecTrainer trainer = trainer(name);
            String inputs = corpusHash(trainer);
            Path cached = cachedFile(name, inputs);
            key = "w2v|" + cached.toAbsolutePath();
            loader = () -> word2vec(name, name + "@" + inputs.substring(0, 12), trainer, cached);
        } else {
            throw unknown(name);
        }
        return LOADED.get(key, loader, "embedding module " + name);
    }

    /**
     * What a module is and whether it is ready, without loading or building it.
     *
     * @param name      the choice name
     * @param id        the name, plus for word2vec modules {@code @} and the first 12 hex digits of the SHA-256 of
     *                  the corpus files and the training settings: a module built from other corpora is another module
     * @param dimension vector size
     * @param state     {@code built}, {@code not built}, {@code present} (a file) or {@code missing}
     * @param location  the cached table or the source file
     * @param source    how it is (or would be) made
     */
    public record Status(String name, String id, int dimension, String state, Path location, String source) {
    }

    public Status status(String name) {
        if (userFiles.containsKey(name)) {
            Path f = userFiles.get(name);
            return new Status(name, name, -1, Files.isRegularFile(f) ? "present" : "missing", f, "user-supplied file");
        }
        if (isGlove(name)) {
            Path f = gloveFile();
            return new Status(name, name, 100, Files.isRegularFile(f) ? "present" : "missing", f,
                    "GloVe 6B 100d, " + (name.endsWith("100k") ? "100,000" : "20,000") + " most frequent words");
        }
        if (isWord2Vec(name)) {
            Word2VecTrainer trainer = trainer(name);
            String inputs = corpusHash(trainer);
            Path cached = cachedFile(name, inputs);
            return new Status(name, name + "@" + inputs.substring(0, 12), trainer.dimension(),
                    Files.isRegularFile(cached) ? "built" : "not built", cached,
                    "word2vec " + trainer.describe() + " on the training splits of " + corpus);
        }
        throw unknown(name);
    }

    /** The word2vec modules' corpus tasks, as configured. */
    public List<String> corpus() {
        return corpus;
    }

    private IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("no embedding module \"" + name + "\" (known: "
                + String.join(", ", names()) + ")");
    }

    private static boolean isGlove(String name) {
        return name.equals("glove-100d-100k") || name.equals("glove-100d-20k");
    }

    private static boolean isWord2Vec(String name) {
        return BUILT_IN.contains(name) && name.startsWith("w2v-");
    }

    private Path gloveFile() {
        return environment.dataDirectory().resolve(GLOVE_FILE);
    }

    private Word2VecTrainer trainer(String name) {
        int dim = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1).replace("d", ""));
        return new Word2VecTrainer(name.startsWith("w2v-skipgram-"), dim, 5, 3, word2vecEpochs, 1);
    }

    private Path cachedFile(String name, String inputs) {
        return environment.cacheDirectory().resolve("embeddings").resolve(name + "-" + inputs.substring(0, 16) + ".txt.gz");
    }

    private static EmbeddingModule fromFile(String name, String id, Path file, int maxWords, String training) {
        EmbeddingTable t = EmbeddingTable.read(file, maxWords);
        return new EmbeddingModule(new EmbeddingModuleInfo(name, "en", t.dimension(), t.size(), training,
                t.contentHash(), file.toString()), id, t);
    }

    private List<Path> corpusFolders() {
        List<Path> out = new ArrayList<>();
        for (String c : corpus) {
            Path p = environment.resolve(c);
            if (Files.isDirectory(p)) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new InputException(environment.dataDirectory().toString(), "embeddingCorpus",
                    "at least one of the corpus folders " + corpus + " for the word2vec modules");
        }
        return out;
    }

    /** SHA-256 of the training settings and of every corpus file: the cache key. */
    private String corpusHash(Word2VecTrainer trainer) {
        StringBuilder sb = new StringBuilder(trainer.describe()).append("|tokenizer v1|");
        for (Path dir : corpusFolders()) {
            sb.append(dir.getFileName()).append(':');
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".tsv")).sorted()
                        .forEach(p -> sb.append(p.getFileName()).append('=').append(FileHash.sha256(p)).append(';'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return FileHash.sha256(sb.toString());
    }

    private EmbeddingModule word2vec(String name, String id, Word2VecTrainer trainer, Path cached) {
        Path meta = cached.resolveSibling(cached.getFileName().toString().replace(".txt.gz", ".json"));
        String training = "word2vec " + trainer.describe() + " on the training splits of " + corpus;
        if (Files.isRegularFile(cached)) {
            return fromFile(name, id, cached, 0, training + " (cached)");
        }
        requireWritable(cached.getParent());
        ModuleBuildProgress progress = progressFactory.apply(id);
        long t0 = System.nanoTime();
        List<String[]> sentences = new ArrayList<>();
        ObjectNode prov = Json.MAPPER.createObjectNode();
        var corpusNode = prov.putArray("corpus");
        long tokens = 0;
        for (Path dir : corpusFolders()) {
            progress.report("reading corpus " + dir.getFileName(), 0, 0, 0);
            TextDataset d = TextTaskLoader.load(dir, Settings.empty());
            corpusNode.addObject().put("id", d.id()).put("hash", d.hash()).put("trainExamples", d.train().size());
            for (TextExample e : d.train()) {
                if (e.tokens().length > 0) {
                    sentences.add(e.tokens());
                    tokens += e.tokens().length;
                }
            }
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        EmbeddingTable table = trainer.train(sentences, progress);
        double seconds = (System.nanoTime() - t1) / 1e9;
        int sentenceCount = sentences.size();
        sentences = null;
        try {
            progress.report("writing " + cached.getFileName(), 0, 0, 0);
            table.write(cached);
            EmbeddingModule m = fromFile(name, id, cached, 0, training);
            prov.put("name", name).put("id", id).put("training", training).put("sentences", sentenceCount)
                    .put("tokens", tokens)
                    .put("vocabularySize", table.size()).put("dimension", table.dimension())
                    .put("contentHash", m.info().contentHash()).put("readSeconds", readSeconds)
                    .put("trainSeconds", seconds).put("buildSeconds", (System.nanoTime() - t0) / 1e9)
                    .put("created", java.time.Instant.now().toString());
            Files.writeString(meta, Json.pretty(prov));
            progress.finished(table.size() + " words x " + table.dimension() + " -> " + cached,
                    (System.nanoTime() - t0) / 1e9);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write embedding module cache " + cached, e);
        }
    }

    /** Fails at once, before minutes of training, when the cache cannot take the module. */
    private static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new InputException(dir.toString(), "cache directory",
                    "a writable directory for embedding modules (set it with --cache or $WAYFINDER_CACHE)");
        }
    }
}
