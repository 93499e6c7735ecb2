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
 *       once with Deeplearning4j's Word2Vec on the training splits of the corpus tasks ({@link #DEFAULT_CORPUS}, or the
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

    /** Loads (once per process) or returns the module. */
    public EmbeddingModule get(String name) {
        String key;
        java.util.function.Supplier<EmbeddingModule> loader;
        if (userFiles.containsKey(name)) {
            Path file = userFiles.get(name);
            key = "file|" + file.toAbsolutePath() + "|" + name;
            loader = () -> fromFile(name, file, 0, "user-supplied file " + file.getFileName());
        } else if (name.equals("glove-100d-100k") || name.equals("glove-100d-20k")) {
            Path file = environment.dataDirectory().resolve(GLOVE_FILE);
            int words = name.endsWith("100k") ? 100_000 : 20_000;
            key = "glove|" + file.toAbsolutePath() + "|" + words;
            loader = () -> fromFile(name, file, words, "GloVe 6B 100d (Wikipedia 2014 + Gigaword 5, 6B tokens), the "
                    + words + " most frequent words");
        } else if (name.startsWith("w2v-skipgram-") || name.startsWith("w2v-cbow-")) {
            int dim = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1).replace("d", ""));
            Word2VecTrainer trainer = new Word2VecTrainer(name.startsWith("w2v-skipgram-"), dim, 5, 3, word2vecEpochs, 1);
            String inputs = corpusHash(trainer);
            Path cached = environment.cacheDirectory().resolve("embeddings")
                    .resolve(name + "-" + inputs.substring(0, 16) + ".txt.gz");
            key = "w2v|" + cached.toAbsolutePath();
            loader = () -> word2vec(name, trainer, cached);
        } else {
            throw new IllegalArgumentException("no embedding module \"" + name + "\" (known: " + names() + ")");
        }
        return LOADED.get(key, loader, "embedding module " + name);
    }

    private static EmbeddingModule fromFile(String name, Path file, int maxWords, String training) {
        EmbeddingTable t = EmbeddingTable.read(file, maxWords);
        return new EmbeddingModule(new EmbeddingModuleInfo(name, "en", t.dimension(), t.size(), training,
                t.contentHash(), file.toString()), t);
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

    private EmbeddingModule word2vec(String name, Word2VecTrainer trainer, Path cached) {
        Path meta = cached.resolveSibling(cached.getFileName().toString().replace(".txt.gz", ".json"));
        String training = "Deeplearning4j Word2Vec " + trainer.describe() + " on the training splits of " + corpus;
        if (Files.isRegularFile(cached)) {
            return fromFile(name, cached, 0, training + " (cached)");
        }
        List<String> sentences = new ArrayList<>();
        ObjectNode prov = Json.MAPPER.createObjectNode();
        var corpusNode = prov.putArray("corpus");
        long tokens = 0;
        for (Path dir : corpusFolders()) {
            TextDataset d = TextTaskLoader.load(dir, Settings.empty());
            corpusNode.addObject().put("id", d.id()).put("hash", d.hash()).put("trainExamples", d.train().size());
            for (TextExample e : d.train()) {
                if (e.tokens().length > 0) {
                    sentences.add(String.join(" ", e.tokens()));
                    tokens += e.tokens().length;
                }
            }
        }
        long t0 = System.nanoTime();
        EmbeddingTable table = trainer.train(sentences);
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            table.write(cached);
            EmbeddingModule m = fromFile(name, cached, 0, training);
            prov.put("name", name).put("training", training).put("sentences", sentences.size()).put("tokens", tokens)
                    .put("vocabularySize", table.size()).put("dimension", table.dimension())
                    .put("contentHash", m.info().contentHash()).put("trainSeconds", seconds)
                    .put("created", java.time.Instant.now().toString());
            Files.writeString(meta, Json.pretty(prov));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write embedding module cache " + cached, e);
        }
    }
}
