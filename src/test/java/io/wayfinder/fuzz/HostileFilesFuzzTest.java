package io.wayfinder.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.controller.ControllerSettings;
import io.wayfinder.controller.LearnerSettings;
import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.exec.SearchLoop;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.strategy.reinforce.ReinforceStrategy;
import io.wayfinder.strategy.Strategies;
import io.wayfinder.task.EvaluatorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the readers of search-space, project and checkpoint files with thousands of mutants of the samples
 * (truncations, byte flips, type swaps, huge and odd numbers, deep nesting, wrong encodings, misspelt keys): every
 * mutant is either read or rejected with a clean error ({@link InputException}; {@link IllegalArgumentException} for
 * binary checkpoints), never another exception, an Error or a hang. {@code wayfinder.soak.scale} multiplies the count.
 */
class HostileFilesFuzzTest {
    private static final long TIMEOUT_SECONDS = 20;

    @TempDir
    Path dir;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-worker");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, int[]> outcomes = new TreeMap<>();
    private final List<String> crashes = new ArrayList<>();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    interface Reader {
        void read(byte[] bytes, Path file) throws Exception;
    }

    @Test
    void searchSpaceProjectAndCheckpointMutantsGiveCleanErrorsOnly() throws Exception {
        int scale = Integer.getInteger("wayfinder.soak.scale", 1);
        long seed = Long.getLong("wayfinder.fuzz.seed", 14L);
        Random random = new Random(seed);
        Path samples = Path.of("sample-projects").toAbsolutePath();
        Path spaces = dir.resolve("spaces");
        Files.createDirectories(spaces);
        List<Path> spaceFiles;
        try (Stream<Path> s = Files.list(samples.resolve("spaces"))) {
            spaceFiles = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path p : spaceFiles) {
            Files.copy(p, spaces.resolve(p.getFileName()));
        }
        List<Path> projectFiles;
        try (Stream<Path> s = Files.list(samples)) {
            projectFiles = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        long began = System.nanoTime();
        int perSpace = 300 * scale;
        int perProject = 120 * scale;
        for (Path p : spaceFiles) {
            byte[] original = Files.readAllBytes(p);
            for (int i = 0; i < perSpace; i++) {
                Mutant m = mutateJson(original, random);
                check("space", m, dir.resolve("mutant-space.json"), (bytes, file) -> {
                    SearchSpace s = SearchSpaceCodec.read(file);
                    s.flat();
                    s.configurationCount();
                    SearchSpaceCodec.write(s);
                }, false);
            }
        }
        for (Path p : projectFiles) {
            byte[] original = Files.readAllBytes(p);
            for (int i = 0; i < perProject; i++) {
                Mutant m = mutateJson(original, random);
                check("project", m, dir.resolve("mutant-project.json"), (bytes, file) -> {
                    Project project = ProjectCodec.read(file);
                    for (TaskSpec t : project.tasks()) {
                        EvaluatorProvider provider;
                        try {
                            provider = EvaluatorProvider.forKind(t.kind());
                        } catch (IllegalArgumentException e) {
                            throw new InputException(file.toString(), "kind", e.getMessage());
                        }
                        t.settings().requireOnly(provider.settingKeys());
                    }
                    Strategies.create(project.strategy(), project.space(), project.tasks().size(),
                            project.seed(), s -> Optional.empty());
                }, false);
            }
        }
        // checkpoints: a controller checkpoint file (what a transfer run reads) and a loop checkpoint
        SearchSpace space = SearchSpaceCodec.read(spaces.resolve("nas-bench-201.json"));
        LearnerSettings settings = new LearnerSettings(new ControllerSettings(16, 8, 0.08, 1.0, 1.5), 0.01, 0.001,
                0.95);
        ReinforceStrategy trained = new ReinforceStrategy("maml", true, space, 2, settings, 3, null);
        for (int i = 0; i < 20; i++) {
            var c = trained.propose(i % 2);
            trained.observe(new io.wayfinder.strategy.Observation(i % 2, c, 0.1 * (i % 7), false));
        }
        byte[] strategyState = trained.state();
        byte[] controllerFile = trained.learnerFor(0).checkpoint();
        StrategySpec taml = new StrategySpec("taml", Settings.of("project.json", "$.strategy.settings",
                Json.readTree("{\"pretrained\": {\"file\": \"c.ckpt\"}}", "fuzz")));
        int perCheckpoint = 700 * scale;
        for (byte[] original : List.of(strategyState, controllerFile)) {
            for (int i = 0; i < perCheckpoint; i++) {
                Mutant m = mutateBinary(original, random);
                check("checkpoint", m, dir.resolve("c.ckpt"), (bytes, file) -> Strategies.create(taml, space,
                        1, 1, s -> Optional.of(io.wayfinder.run.InputFiles.readBytes(file, 1 << 28))), false);
            }
        }
        for (int i = 0; i < perCheckpoint; i++) {
            byte[] loop = loopCheckpoint(strategyState, random);
            Mutant m = mutateBinary(loop, random);
            check("loop-checkpoint", m, dir.resolve("loop.bin"), (bytes, file) -> {
                byte[] s = SearchLoop.strategyState(bytes);
                new ReinforceStrategy("maml", true, space, 2, settings, 3, null).restore(s);
            }, true);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        int total = outcomes.values().stream().mapToInt(a -> a[0] + a[1]).sum();
        StringBuilder summary = new StringBuilder();
        outcomes.forEach((k, v) -> summary.append(String.format("  %-34s read %5d, rejected cleanly %5d%n", k, v[0], v[1])));
        System.out.printf("fuzz: %d mutants in %.1f s, %d crashes (seed %d, load %s)%n%s", total, seconds,
                crashes.size(), seed, Files.readString(Path.of("/proc/loadavg")).strip(), summary);
        assertThat(crashes).as("mutants that crashed, hung or gave an unclean error").isEmpty();
        assertThat(total).isGreaterThanOrEqualTo(3000 * scale);
    }

    /** A loop checkpoint as the search loop writes it: format, rng state, counters, strategy state. */
    private static byte[] loopCheckpoint(byte[] strategyState, Random random) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        var out = new java.io.DataOutputStream(bytes);
        out.writeInt(1);
        out.writeInt(4);
        for (int i = 0; i < 4; i++) {
            out.writeLong(random.nextLong());
        }
        out.writeInt(20);
        out.writeInt(20);
        out.writeInt(strategyState.length);
        out.write(strategyState);
        return bytes.toByteArray();
    }

    record Mutant(String kind, byte[] bytes) {
    }

    private void check(String family, Mutant m, Path file, Reader reader, boolean illegalArgumentIsClean)
            throws Exception {
        Files.write(file, m.bytes());
        Future<Throwable> f = worker.submit(() -> {
            try {
                reader.read(m.bytes(), file);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable t;
        try {
            t = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            crashes.add(family + "/" + m.kind() + ": no answer in " + TIMEOUT_SECONDS + " s (hang)");
            return;
        }
        int[] counts = outcomes.computeIfAbsent(family + "/" + m.kind(), k -> new int[2]);
        if (t == null) {
            counts[0]++;
        } else if (t instanceof InputException e && !e.getMessage().contains("\tat ")
                || illegalArgumentIsClean && t instanceof IllegalArgumentException) {
            counts[1]++;
        } else {
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            crashes.add(family + "/" + m.kind() + ": " + w.toString().lines().limit(6).toList());
            if (crashes.size() <= 5) {
                Files.write(dir.resolve("crash-" + crashes.size() + ".bin"), m.bytes());
            }
        }
    }

    // ---- mutations of JSON files -------------------------------------------------------------------------------

    private static Mutant mutateJson(byte[] original, Random r) {
        String text = new String(original, StandardCharsets.UTF_8);
        switch (r.nextInt(12)) {
            case 0:
                return new Mutant("truncation", java.util.Arrays.copyOf(original, r.nextInt(original.length)));
            case 1: {
                byte[] b = original.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return new Mutant("byte flips", b);
            }
            case 2:
                return new Mutant("type swap", treeMutant(text, r, HostileFilesFuzzTest::swapType));
            case 3:
                return new Mutant("huge or odd number", treeMutant(text, r, HostileFilesFuzzTest::oddNumber));
            case 4: {
                int depth = r.nextBoolean() ? 200 + r.nextInt(800) : 1000 + r.nextInt(50_000);
                int at = text.indexOf(':', r.nextInt(Math.max(1, text.length() / 2))) + 1;
                if (at <= 0) {
                    at = 1;
                }
                String open = r.nextBoolean() ? "[" : "{\"x\":";
                String close = open.equals("[") ? "]" : "}";
                return new Mutant("deep nesting", (text.substring(0, at) + open.repeat(depth) + "1"
                        + close.repeat(depth) + "," + text.substring(at)).getBytes(StandardCharsets.UTF_8));
            }
            case 5: {
                String[] charsets = {"UTF-16LE", "UTF-16BE", "UTF-32"};
                return new Mutant("wrong encoding", text.getBytes(java.nio.charset.Charset.forName(
                        charsets[r.nextInt(charsets.length)])));
            }
            case 6: {
                byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                byte[] latin1 = text.replace("\"name\": \"", "\"name\": \"\u00e9\u00df").getBytes(StandardCharsets.ISO_8859_1);
                return r.nextBoolean() ? new Mutant("wrong encoding", concat(bom, original))
                        : new Mutant("wrong encoding", latin1);
            }
            case 7:
                return new Mutant("misspelt or unknown key", treeMutant(text, r, HostileFilesFuzzTest::renameKey));
            case 8:
                return new Mutant("removed value", treeMutant(text, r, HostileFilesFuzzTest::removeChild));
            case 9: {
                String dup = text.replaceFirst("\\{", "{\"name\": \"dup\", ");
                return new Mutant("duplicate key", dup.getBytes(StandardCharsets.UTF_8));
            }
            case 10: {
                StringBuilder big = new StringBuilder(text);
                int at = r.nextInt(big.length());
                big.insert(at, "\"" + "x".repeat(100_000 + r.nextInt(100_000)) + "\"");
                return new Mutant("long string", big.toString().getBytes(StandardCharsets.UTF_8));
            }
            default: {
                byte[] b = new byte[r.nextInt(2000)];
                r.nextBytes(b);
                return new Mutant("random bytes", b);
            }
        }
    }

    interface TreeEdit {
        void edit(ContainerNode<?> parent, String field, int index, Random r);
    }

    /** Picks a random value in the tree and lets {@code edit} change it in its parent. */
    private static byte[] treeMutant(String text, Random r, TreeEdit edit) {
        JsonNode root = Json.readTree(text, "sample");
        List<Object[]> slots = new ArrayList<>();
        collect(root, slots);
        if (!slots.isEmpty()) {
            Object[] s = slots.get(r.nextInt(slots.size()));
            edit.edit((ContainerNode<?>) s[0], (String) s[1], (Integer) s[2], r);
        }
        return Json.compact(root).getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(JsonNode node, List<Object[]> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                slots.add(new Object[] {o, f, -1});
                collect(o.get(f), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[] {a, null, i});
                collect(a.get(i), slots);
            }
        }
    }

    private static void set(ContainerNode<?> parent, String field, int index, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set(field, value);
        } else {
            ((ArrayNode) parent).set(index, value);
        }
    }

    private static JsonNode get(ContainerNode<?> parent, String field, int index) {
        return parent instanceof ObjectNode o ? o.get(field) : ((ArrayNode) parent).get(index);
    }

    private static void swapType(ContainerNode<?> parent, String field, int index, Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode old = get(parent, field, index);
        JsonNode[] options = {f.textNode(old == null ? "" : old.toString()), f.numberNode(r.nextInt(5)),
                f.booleanNode(r.nextBoolean()), f.nullNode(), f.arrayNode().add(old), f.objectNode().set("v", old),
                f.arrayNode(), f.objectNode(), f.textNode("")};
        set(parent, field, index, options[r.nextInt(options.length)]);
    }

    private static void oddNumber(ContainerNode<?> parent, String field, int index, Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode[] options = {f.numberNode(1e308), f.numberNode(-1e308), f.numberNode(Long.MAX_VALUE),
                f.numberNode(Long.MIN_VALUE), f.numberNode(new java.math.BigInteger("9".repeat(400))),
                f.numberNode(1_000_000_000), f.numberNode(-1), f.numberNode(0), f.numberNode(2_147_483_648L),
                f.numberNode(0.5), f.numberNode(4.9e-324), f.numberNode(new java.math.BigDecimal("1e-400")),
                f.numberNode(Integer.MAX_VALUE), f.numberNode(65)};
        set(parent, field, index, options[r.nextInt(options.length)]);
    }

    private static void renameKey(ContainerNode<?> parent, String field, int index, Random r) {
        if (parent instanceof ObjectNode o && field != null) {
            JsonNode v = o.remove(field);
            String name = switch (r.nextInt(4)) {
                case 0 -> field.toLowerCase(java.util.Locale.ROOT);
                case 1 -> field.length() > 1 ? field.substring(1) : field + "x";
                case 2 -> field + "s";
                default -> "unexpected" + r.nextInt(100);
            };
            o.set(name, v);
        }
    }

    private static void removeChild(ContainerNode<?> parent, String field, int index, Random r) {
        if (parent instanceof ObjectNode o) {
            o.remove(field);
        } else {
            ((ArrayNode) parent).remove(index);
        }
    }

    // ---- mutations of binary checkpoints -----------------------------------------------------------------------

    private static Mutant mutateBinary(byte[] original, Random r) {
        switch (r.nextInt(6)) {
            case 0:
                return new Mutant("truncation", java.util.Arrays.copyOf(original, r.nextInt(original.length)));
            case 1: {
                byte[] b = original.clone();
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    int at = r.nextInt(b.length);
                    b[at] = (byte) (b[at] ^ (1 << r.nextInt(8)));
                }
                return new Mutant("bit flips", b);
            }
            case 2: {
                // a length or count field: overwrite 4 bytes with a huge, negative or zero int
                byte[] b = original.clone();
                int at = r.nextInt(Math.max(1, b.length - 4));
                int[] values = {Integer.MAX_VALUE, -1, 0, 1 << 30, 100_000_000, 65_536};
                java.nio.ByteBuffer.wrap(b, at, 4).putInt(values[r.nextInt(values.length)]);
                return new Mutant("huge length field", b);
            }
            case 3: {
                byte[] b = original.clone();
                int at = r.nextInt(Math.max(1, b.length - 8));
                double[] values = {Double.NaN, Double.POSITIVE_INFINITY, -Double.MAX_VALUE, 1e308, 0};
                java.nio.ByteBuffer.wrap(b, at, 8).putDouble(values[r.nextInt(values.length)]);
                return new Mutant("non-finite number", b);
            }
            case 4: {
                byte[] extra = new byte[1 + r.nextInt(64)];
                r.nextBytes(extra);
                int at = r.nextInt(original.length);
                return new Mutant("inserted bytes", concat(concat(java.util.Arrays.copyOf(original, at), extra),
                        java.util.Arrays.copyOfRange(original, at, original.length)));
            }
            default: {
                byte[] b = new byte[r.nextInt(4096)];
                r.nextBytes(b);
                return new Mutant("random bytes", b);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
