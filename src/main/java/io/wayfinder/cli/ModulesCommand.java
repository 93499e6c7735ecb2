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
 * {@code wayfinder modules list|build}: the embedding modules of text tasks. {@code list} shows every module with its
 * id (word2vec modules carry the hash of their corpus and settings), whether it is built and where; {@code build}
 * trains the word2vec modules ahead of a run, with progress, so that no trial waits for them.
 */
@Command(name = "modules", mixinStandardHelpOptions = true,
        description = "Embedding modules of text tasks: list them, or build the word2vec ones ahead of a run.",
        subcommands = {ModulesCommand.ListModules.class, ModulesCommand.BuildModules.class})
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
}
