package io.wayfinder.cli;

import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wayfinder format FILE}: rewrites a search-space file in the canonical, diff-friendly form. */
@Command(name = "format", mixinStandardHelpOptions = true,
        description = "Rewrite a search-space file in canonical pretty-printed form (what the editor saves).")
public final class FormatCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A search-space file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        SearchSpace space = SearchSpaceCodec.read(file);
        Files.writeString(file, SearchSpaceCodec.write(space));
        System.out.println("formatted " + file);
        return 0;
    }
}
