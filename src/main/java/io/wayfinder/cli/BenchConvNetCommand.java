package io.wayfinder.cli;

import io.wayfinder.child.ConvNetBench;
import io.wayfinder.task.IdxReader;
import io.wayfinder.task.ImageDataSet;
import io.wayfinder.task.ImageTaskSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wayfinder bench convnet}: training throughput (images per second) of a fixed 6-layer conv net on
 * Fashion-MNIST with 1 and 2 ND4J threads. Each thread count is measured in its own JVM started with
 * {@code OMP_NUM_THREADS=N} (and ND4J's thread caps set to N), because ND4J's OpenMP pool is sized when it loads.
 */
@Command(name = "convnet", mixinStandardHelpOptions = true,
        description = "Training images/s of a fixed 6-layer conv net with 1 and 2 ND4J threads (median of --repeats "
                + "epochs, each thread count in its own JVM).")
public final class BenchConvNetCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "1024", paramLabel = "N", description = "Images per timed epoch.")
    int images;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "K", description = "Timed epochs per thread count.")
    int repeats;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "Minibatch size.")
    int batch;

    @Option(names = "--downsample", defaultValue = "1", paramLabel = "F", description = "Shrink images by F.")
    int downsample;

    @Option(names = "--threads", defaultValue = "1,2", split = ",", paramLabel = "T",
            description = "Thread counts to compare (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--data", defaultValue = "/usr/share/datasets/fashion-mnist", paramLabel = "DIR",
            description = "Folder with train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz.")
    Path data;

    @Option(names = "--nd4j-jar", split = ",", paramLabel = "JAR",
            description = "Also time each of these nd4j-native classifier jars (e.g. ~/.m2/.../nd4j-native-1.0.0-M2.1-"
                    + "linux-x86_64-onednn-avx512.jar) in place of the built-in linux-x86_64-onednn one, side by side.")
    List<Path> nd4jJars = new ArrayList<>();

    @Option(names = "--torch", paramLabel = "SCRIPT",
            description = "Also time the same net in PyTorch (peer reference): resources/bench/convnet_torch.py, run "
                    + "with --python (needs Debian's python3-torch; benchmark only).")
    Path torch;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
            description = "Python for --torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--skip-builtin",
            description = "Do not time DL4J's built-in convolution path (slow; timed by default for the ratio).")
    boolean skipBuiltin;

    @Option(names = "--skip-shipped",
            description = "Do not time DL4J's oneDNN helpers as shipped (timed by default for the ratio).")
    boolean skipShipped;

    @Option(names = "--worker", hidden = true, description = "Measure in this JVM with the first --threads value.")
    boolean worker;

    @Override
    public Integer call() throws Exception {
        if (worker) {
            ConvNetBench.setThreads(threads.get(0));
            double[] ips = ConvNetBench.imagesPerSecond(load(), batch, repeats, 1);
            System.out.println("RESULT " + Arrays.toString(ips) + " " + ConvNetBench.threadInfo() + ", "
                    + io.wayfinder.child.OneDnnHelpers.describe());
            return 0;
        }
        load(); // fail early with the install hint
        System.out.printf("fixed 6-layer conv net (3x3, 36 filters, strides 1,1,2,1,2,1, skips 0->3, 2->5), %d "
                + "images %dx%d per epoch, batch %d, %d timed epochs, %d cores%n", images, 28 / downsample,
                28 / downsample, batch, repeats, Runtime.getRuntime().availableProcessors());
        int side = 28 / downsample;
        double flops = ConvNetBench.trainingFlopsPerImage(ConvNetBench.fixedPlan(side, side, 10));
        System.out.printf("%.1f MFLOP per training image (convolutions and output layer, counted from the shapes); "
                + "peak %.0f GFLOP/s fp32 per core%n", flops / 1e6, ConvNetBench.PEAK_GFLOPS_PER_CORE);
        List<Variant> variants = new ArrayList<>();
        if (!skipBuiltin) {
            variants.add(new Variant("DL4J built-in convolution (im2col + GEMM, the path before issue 15)", null,
                    "off", false));
        }
        if (!skipShipped) {
            variants.add(new Variant("DL4J's oneDNN helpers as shipped (forward recomputed in backprop)", null,
                    "dl4j", false));
        }
        variants.add(new Variant("oneDNN helpers, forward reused, own batch-norm kernels (default)", null, "on",
                false));
        for (Path jar : nd4jJars) {
            variants.add(new Variant(jar.getFileName().toString() + " with oneDNN helpers", jar, "on", false));
        }
        if (torch != null) {
            if (!Files.isRegularFile(torch)) {
                throw new IllegalArgumentException("--torch: no such file: " + torch);
            }
            variants.add(new Variant("PyTorch (peer)", torch, "on", true));
        }
        List<double[]> medians = new ArrayList<>();
        for (Variant variant : variants) {
            double[] perThreads = new double[threads.size()];
            for (int k = 0; k < threads.size(); k++) {
                int t = threads.get(k);
                double[] ips = variant.torch() ? measure(List.of(python, torch.toString(), "--threads",
                        Integer.toString(t), "--images", Integer.toString(images), "--repeats",
                        Integer.toString(repeats), "--batch", Integer.toString(batch), "--size",
                        Integer.toString(side)), t, "on")
                        : measureInSubprocess(t, variant.jar(), variant.oneDnn());
                double median = ConvNetBench.median(ips);
                perThreads[k] = median;
                double gflops = median * flops / 1e9;
                System.out.printf("%s, %d thread%s: median %.1f images/s (min %.1f, max %.1f), %.2f GFLOP/s = "
                        + "%.1f%% of %d core%s' fp32 peak%n", variant.name(), t, t == 1 ? "" : "s", median,
                        Arrays.stream(ips).min().orElse(0), Arrays.stream(ips).max().orElse(0), gflops,
                        100 * gflops / (t * ConvNetBench.PEAK_GFLOPS_PER_CORE), t, t == 1 ? "" : "s");
            }
            medians.add(perThreads);
        }
        System.out.println("summary (median images/s; ratios measured in this run):");
        for (int k = 0; k < threads.size(); k++) {
            double reference = medians.get((skipBuiltin ? 0 : 1) + (skipShipped ? 0 : 1))[k];
            for (int v = 0; v < variants.size(); v++) {
                System.out.printf("  %d thread%s  %-70s %8.1f  %5.2fx the default%n", threads.get(k),
                        threads.get(k) == 1 ? " " : "s", variants.get(v).name(), medians.get(v)[k],
                        medians.get(v)[k] / reference);
            }
        }
        return 0;
    }

    private ImageDataSet load() {
        Path imagesFile = data.resolve(ImageTaskSettings.TRAIN_IMAGES);
        Path labelsFile = data.resolve(ImageTaskSettings.TRAIN_LABELS);
        if (!Files.isRegularFile(imagesFile) || !Files.isRegularFile(labelsFile)) {
            throw new IllegalStateException("Fashion-MNIST is missing from " + data + ": install the Debian package: "
                    + "apt-get install dataset-fashion-mnist (or point --data at a folder with "
                    + ImageTaskSettings.TRAIN_IMAGES + " and " + ImageTaskSettings.TRAIN_LABELS + ")");
        }
        IdxReader.IdxArray x = IdxReader.readImages(imagesFile);
        IdxReader.IdxArray y = IdxReader.readLabels(labelsFile);
        ImageDataSet all = new ImageDataSet("fashion-mnist/train", x.data(), y.data(), x.dimensions()[1],
                x.dimensions()[2], 10);
        int[] first = new int[Math.min(images, all.count())];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        return all.subset("bench", first).downsampled(downsample);
    }

    /** The class path with the platform nd4j-native jar replaced by {@code variant} (null: unchanged). */
    static String classPath(String classPath, Path variant) {
        if (variant == null) {
            return classPath;
        }
        if (!Files.isRegularFile(variant)) {
            throw new IllegalArgumentException("--nd4j-jar: no such file: " + variant);
        }
        List<String> entries = new ArrayList<>();
        for (String e : classPath.split(java.io.File.pathSeparator)) {
            entries.add(e);
            entries.addAll(manifestClassPath(Path.of(e)));
        }
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            if (!e.matches(".*nd4j-native-[^/]*-linux-x86_64[^/]*\\.jar")) {
                out.add(e);
            }
        }
        out.add(variant.toString());
        return String.join(java.io.File.pathSeparator, out);
    }

    /** The Class-Path entries of a jar's manifest (java -jar's class path), resolved against its folder. */
    private static List<String> manifestClassPath(Path jar) {
        List<String> out = new ArrayList<>();
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return out;
        }
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest m = f.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp != null) {
                Path dir = jar.toAbsolutePath().getParent();
                for (String e : cp.trim().split("\\s+")) {
                    out.add(dir.resolve(e).toString());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + jar + ": " + e.getMessage(), e);
        }
        return out;
    }

    private record Variant(String name, Path jar, String oneDnn, boolean torch) {
    }

    private double[] measureInSubprocess(int t, Path variant, String oneDnn) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp",
                classPath(System.getProperty("java.class.path"), variant),
                Main.class.getName(), "bench", "convnet", "--worker", "--threads", Integer.toString(t),
                "--images", Integer.toString(images), "--repeats", Integer.toString(repeats),
                "--batch", Integer.toString(batch), "--downsample", Integer.toString(downsample),
                "--data", data.toString()));
        return measure(cmd, t, oneDnn);
    }

    private static double[] measure(List<String> cmd, int t, String oneDnn) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(t));
        pb.environment().put("WAYFINDER_ONEDNN", oneDnn);
        Process p = pb.start();
        String result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || result == null) {
            throw new IllegalStateException("the measuring JVM failed (exit " + rc + "):\n" + log);
        }
        System.out.println("  OMP_NUM_THREADS=" + t + ": " + result);
        String list = result.substring(1, result.indexOf(']'));
        return Arrays.stream(list.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

}
