package io.wayfinder.cli;

import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The default job: the embedded sample project {@code convnet-fashion-mnist.json} (a Zoph &amp; Le conv-net search on
 * Fashion-MNIST from the Debian package {@code dataset-fashion-mnist}) run headless for {@value #DEFAULT_TRIALS}
 * trials, then the project's final training of the best of them (a second run). It is copied out of the jar into a temporary folder so that it works from any directory, and needs no data
 * directory; without the package it stops with a message saying how to install it.
 */
final class DefaultCommand implements Callable<Integer> {
    static final String DEFAULT_PROJECT = "convnet-fashion-mnist.json";
    static final String[] EMBEDDED = {"convnet-fashion-mnist.json", "spaces/zoph-le-convnet.json"};
    static final int DEFAULT_TRIALS = 8;

    private final StoreOptions options;

    DefaultCommand(StoreOptions options) {
        this.options = options == null ? new StoreOptions() : options;
    }

    @Override
    public Integer call() throws Exception {
        if (GuiCommand.displayAvailable()) {
            return GuiCommand.open(null, options); // the welcome view lists the samples, the quickest one click away
        }
        Path dir = extractSamples();
        Project project = ProjectCodec.read(dir.resolve(DEFAULT_PROJECT)).withTrialsPerTask(DEFAULT_TRIALS);
        System.out.println("Wayfinder default job: " + project.name() + " (" + project.description() + ")");
        return RunCommand.runToEnd(project, options.storePath(null, null), options);
    }

    static Path extractSamples() throws IOException {
        Path dir = Files.createTempDirectory("wayfinder-samples");
        for (String name : EMBEDDED) {
            try (InputStream in = DefaultCommand.class.getResourceAsStream("/sample-projects/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("sample project " + name + " is missing from the jar");
                }
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
        return dir;
    }
}
