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

    @Option(names = "--worker", hidden = true, description = "Measure in this JVM with the first --threads value.")
    boolean worker;

    @Override
    public Integer call() throws Exception {
        if (worker) {
            ConvNetBench.setThreads(threads.get(0));
            double[] ips = ConvNetBench.imagesPerSecond(load(), batch, repeats, 1);
            System.out.println("RESULT " + Arrays.toString(ips) + " " + ConvNetBench.threadInfo());
            return 0;
        }
        load(); // fail early with the install hint
        System.out.printf("fixed 6-layer conv net (3x3, 36 filters, strides 1,1,2,1,2,1, skips 0->3, 2->5), %d "
                + "images %dx%d per epoch, batch %d, %d timed epochs, %d cores%n", images, 28 / downsample,
                28 / downsample, batch, repeats, Runtime.getRuntime().availableProcessors());
        for (int t : threads) {
            double[] ips = measureInSubprocess(t);
            System.out.printf("%d ND4J thread%s: median %.1f images/s (min %.1f, max %.1f)%n", t, t == 1 ? "" : "s",
                    ConvNetBench.median(ips), Arrays.stream(ips).min().orElse(0), Arrays.stream(ips).max().orElse(0));
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

    private double[] measureInSubprocess(int t) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "bench", "convnet", "--worker", "--threads", Integer.toString(t),
                "--images", Integer.toString(images), "--repeats", Integer.toString(repeats),
                "--batch", Integer.toString(batch), "--downsample", Integer.toString(downsample),
                "--data", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(t));
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
