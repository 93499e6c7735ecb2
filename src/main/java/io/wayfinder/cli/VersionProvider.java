package io.wayfinder.cli;

import io.wayfinder.exec.Provenance;
import picocli.CommandLine;

/** Prints the code version with its commit. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"wayfinder " + Provenance.codeVersion()};
    }
}
