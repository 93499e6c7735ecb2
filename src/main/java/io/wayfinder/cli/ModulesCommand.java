package io.wayfinder.cli;

import io.wayfinder.child.EmbeddingModule;
import io.wayfinder.child.EmbeddingModules;
import io.wayfinder.child.ModuleBuildProgress;
import io.wayfinder.project.Settings;
import io.wayfinder.run.Json;
import io.wayfinder.task.TaskEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wayfinder modules list|build|oov}: the embedding modules of text tasks. {@code list} shows every module with its
 * id (word2vec modules carry the hash of their corpus and settings), whether it is built and where; {@code build}
 * trains the word2vec modules ahead of a run, with progress, so that no trial waits for them; {@code oov} reports, per
 * text task of a project and module, the share of tokens and types the module has no vector for.
 */
@Command(name = "modules", mixinStandardHelpOptions = true,
        description = "Embedding modules of text tasks: list them, or build the word2vec ones ahead of a run.",
        subcommands = {ModulesCommand.ListModules.class, ModulesCommand.BuildModules.class,
                ModulesCommand.OutOfVocabulary.class})
public final class ModulesCommand {

    /** The options that pick the registry: data, cache, corpus, epochs. */
    static final class RegistryOptions {
        @Mixin
        StoreOptions options;

        @Option(names = "--corpus", split = ",", paramLabel = "TASK",
                description = "Corpus tasks (data folders) of the word2vec modules, like the task setting "
                        + "embeddingCorpus (default: the built-in list).")
        List<String> corpus = new ArrayList<>();

        @Option(names = "--epochs", defaultValue = "2", paramLabel = "N",
                description = "word2vec passes over the corpus, like the task setting word2vecEpochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        EmbeddingModules registry() {
            var node = Json.MAPPER.createObjectNode();
            node.put("word2vecEpochs", epochs);
            var c = node.putArray("embeddingCorpus");
            corpus.forEach(c::add);
            return new EmbeddingModules(new TaskEnvironment(options.dataDirectory(), null, options.cacheDirectory()),
                    Settings.of("command line", "$", node));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every embedding module: id, dimension, state (built / not built / present / missing), location.")
    static final class ListModules implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Override
        public Integer call() {
            EmbeddingModules modules = registry.registry();
            System.out.printf("cache %s, data %s%n", registry.options.cacheDirectory(), registry.options.dataDirectory());
            System.out.printf("%-18s %-32s %4s  %-10s %s%n", "MODULE", "ID", "DIM", "STATE", "LOCATION");
            for (String name : modules.names()) {
                EmbeddingModules.Status s = modules.status(name);
                System.out.printf("%-18s %-32s %4s  %-10s %s%n", s.name(), s.id(),
                        s.dimension() < 0 ? "?" : Integer.toString(s.dimension()), s.state(), s.location());
            }
            return 0;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build (train and cache) word2vec modules; with no names every word2vec module. "
                    + "A built module is loaded, not rebuilt.")
    static final class BuildModules implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Parameters(paramLabel = "MODULE", arity = "0..*", description = "Modules to build (default: every w2v-* module).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            EmbeddingModules modules = registry.registry();
            List<String> todo = names.isEmpty()
                    ? modules.names().stream().filter(n -> n.startsWith("w2v-")).toList() : names;
            List<EmbeddingModules.Status> statuses = new ArrayList<>();
            for (String n : todo) {
                statuses.add(modules.status(n)); // rejects an unknown name before anything is built
            }
            boolean terminal = System.console() != null;
            modules.progress(id -> new ModuleBuildProgress(System.out, terminal, id));
            for (EmbeddingModules.Status s : statuses) {
                long t0 = System.nanoTime();
                EmbeddingModule m = modules.get(s.name());
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%s %s: %d words x %d in %.1f s, %s%n",
                        s.state().equals("built") ? "loaded" : s.state().equals("not built") ? "built" : "read",
                        m.id(), m.table().size(), m.table().dimension(), seconds, s.location());
            }
            return 0;
        }
    }

    @Command(name = "oov", mixinStandardHelpOptions = true,
            description = {"Out-of-vocabulary report: for every text task of a project and every embedding module, "
                    + "the share of tokens and of distinct types in the train, validation and test splits that the "
                    + "module has no vector for (the project's tokeniser and splits; a deep tower on a frozen module "
                    + "skips those tokens).",
                    "Modules: the choices of the project's 'embedding' decision (default), or --modules. A word2vec "
                            + "module not yet built is built first, once, with progress."})
    static final class OutOfVocabulary implements Callable<Integer> {
        @Mixin
        StoreOptions options;

        @Parameters(paramLabel = "PROJECT", description = "A project file with text tasks.")
        java.nio.file.Path file;

        @Option(names = "--modules", split = ",", paramLabel = "MODULE",
                description = "Modules to measure (default: the project's 'embedding' choices, else every module).")
        List<String> modules = new ArrayList<>();

        @Option(names = "--missing", paramLabel = "N", defaultValue = "0",
                description = "Also list each task's N most frequent training tokens that each module lacks "
                        + "(default: ${DEFAULT-VALUE}).")
        int missing;

        @Override
        public Integer call() {
            if (missing < 0 || missing > 1000) {
                throw new IllegalArgumentException("--missing expects 0 to 1000 tokens, found " + missing);
            }
            io.wayfinder.project.Project project = io.wayfinder.project.ProjectCodec.read(file);
            TaskEnvironment env = new TaskEnvironment(options.dataDirectory(), project.directory(),
                    options.cacheDirectory());
            List<io.wayfinder.project.TaskSpec> text = project.tasks().stream().filter(t -> t.kind().equals("text"))
                    .toList();
            if (text.isEmpty()) {
                System.out.println("project " + project.name() + " has no text task: out-of-vocabulary rates are for "
                        + "text tasks");
                return 0;
            }
            EmbeddingModules first = new EmbeddingModules(env, text.get(0).settings());
            List<String> names = !modules.isEmpty() ? modules : project.space().flat().stream()
                    .filter(d -> d.decision().equals("embedding")).findFirst()
                    .map(d -> d.choices().stream().map(c -> c.value().toString()).toList())
                    .orElse(first.names());
            for (String n : names) {
                first.status(n); // rejects an unknown name before anything is loaded or built
            }
            boolean terminal = System.console() != null;
            System.out.printf("%d text tasks x %d modules (%s); data %s, cache %s%n", text.size(), names.size(),
                    String.join(", ", names), options.dataDirectory(), options.cacheDirectory());
            List<Row> rows = new ArrayList<>();
            java.util.Map<String, EmbeddingModule> loaded = new java.util.LinkedHashMap<>();
            for (io.wayfinder.project.TaskSpec t : text) {
                long t0 = System.nanoTime();
                io.wayfinder.task.TextDataset data = io.wayfinder.task.TextTaskLoader.load(env.resolve(t.data()),
                        t.settings());
                System.out.printf(Locale.ROOT, "task %s: %s, %d / %d / %d texts (%.1f s)%n", t.name(), data.id(),
                        data.train().size(), data.validation().size(), data.test().size(),
                        (System.nanoTime() - t0) / 1e9);
                EmbeddingModules registry = new EmbeddingModules(env, t.settings())
                        .progress(id -> new ModuleBuildProgress(System.out, terminal, id));
                for (String n : names) {
                    long m0 = System.nanoTime();
                    String state = registry.status(n).state();
                    EmbeddingModule m = registry.get(n);
                    if (loaded.putIfAbsent(m.id(), m) == null) {
                        System.out.printf(Locale.ROOT, "module %s: %s %,d words (%.1f s)%n", m.id(),
                                state.equals("not built") ? "built," : "loaded,", m.table().size(),
                                (System.nanoTime() - m0) / 1e9);
                    }
                    rows.add(new Row(t.name(), m.id(), m.table().size(),
                            io.wayfinder.task.VocabularyCoverage.of(data, m.table())));
                    if (missing > 0) {
                        List<io.wayfinder.task.VocabularyCoverage.Missing> top = io.wayfinder.task.VocabularyCoverage
                                .mostFrequentMissing(data.train(), w -> m.table().indexOf(w) >= 0, missing);
                        System.out.println("  " + t.name() + " / " + m.id() + ": most frequent missing training "
                                + "tokens: " + String.join(", ", top.stream().map(x -> x.token() + " (" + x.count()
                                + ")").toList()));
                    }
                }
            }
            System.out.println();
            System.out.print(table(rows));
            System.out.println();
            System.out.print(matrix(rows));
            return 0;
        }

        /** One task and module: the coverage of its three splits. */
        record Row(String task, String module, int words, List<io.wayfinder.task.VocabularyCoverage> splits) {
        }

        static String pct(double share) {
            return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * share);
        }

        /** Every figure, as a Markdown table. */
        static String table(List<Row> rows) {
            StringBuilder b = new StringBuilder("Out of vocabulary, % (train / validation / test); \"no word\": test "
                    + "texts without one covered token\n\n| task | module | words | tokens OOV | types OOV | "
                    + "no word (test) |\n|---|---|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                var s = r.splits();
                b.append("| ").append(r.task()).append(" | ").append(r.module()).append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", r.words())).append(" | ")
                        .append(pct(s.get(0).tokenOov())).append(" / ").append(pct(s.get(1).tokenOov())).append(" / ")
                        .append(pct(s.get(2).tokenOov())).append(" | ")
                        .append(pct(s.get(0).typeOov())).append(" / ").append(pct(s.get(1).typeOov())).append(" / ")
                        .append(pct(s.get(2).typeOov())).append(" | ")
                        .append(pct(s.get(2).texts() == 0 ? Double.NaN
                                : (double) s.get(2).emptyTexts() / s.get(2).texts())).append(" |\n");
            }
            return b.toString();
        }

        /** Test-split token OOV (%) with a row per task and a column per module: who misses which task's words. */
        static String matrix(List<Row> rows) {
            List<String> modules = rows.stream().map(Row::module).distinct().toList();
            StringBuilder b = new StringBuilder("Test-split tokens out of vocabulary, % (types in brackets)\n\n| task |");
            modules.forEach(m -> b.append(' ').append(m.replaceAll("@.*", "")).append(" |"));
            b.append("\n|---|").append("---:|".repeat(modules.size())).append('\n');
            for (String task : rows.stream().map(Row::task).distinct().toList()) {
                b.append("| ").append(task).append(" |");
                for (String m : modules) {
                    rows.stream().filter(r -> r.task().equals(task) && r.module().equals(m)).findFirst()
                            .ifPresentOrElse(r -> b.append(' ').append(pct(r.splits().get(2).tokenOov())).append(" (")
                                    .append(pct(r.splits().get(2).typeOov())).append(") |"), () -> b.append(" |"));
                }
                b.append('\n');
            }
            return b.toString();
        }
    }
}
