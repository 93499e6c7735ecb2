package io.wayfinder.cli;

import io.wayfinder.exec.RunBusyException;
import io.wayfinder.run.InputException;
import io.wayfinder.store.StoreException;
import java.util.NoSuchElementException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wayfinder} command. Without a sub-command it runs the default job (see {@link DefaultCommand}). */
@Command(name = "wayfinder", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Wayfinder: neural architecture search that learns across tasks.",
        subcommands = {RunCommand.class, ResumeCommand.class, RunsCommand.class, ShowCommand.class,
                CompareCommand.class, BaselineCommand.class, ProtocolCommand.class, CheckpointCommand.class, ExportCommand.class, ValidateCommand.class,
                FormatCommand.class, BenchCommand.class, ModulesCommand.class, WorkerCommand.class, GuiCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Mixin
    StoreOptions store;

    public static void main(String[] args) {
        limitOffHeapMemory();
        System.exit(execute(args));
    }

    /**
     * ND4J's arrays live off the Java heap and are freed when the garbage collector finds their small Java handles
     * unreachable; JavaCPP forces a collection only when its off-heap total reaches {@code maxBytes}, by default the
     * maximum heap size (a quarter of RAM: 6 GB here), so a long search used to grow to several GB of RSS. One GB
     * is enough for the children of every sample project; the user's own {@code -Dorg.bytedeco.javacpp.maxBytes}
     * (or {@code maxbytes}) wins.
     *
     * <p>JavaCPP's second limit, {@code maxPhysicalBytes} (by default {@code maxBytes} + 3x the maximum heap), makes
     * every native allocation read the process's resident size first ({@code physicalBytesInaccurate}): 16% of a
     * text trial's time, whose steps allocate hundreds of small arrays (JFR, {@code resources/benchmarks.md}). It is
     * switched off unless the user sets it; {@code maxBytes} still bounds the off-heap total.
     */
    static void limitOffHeapMemory() {
        if (System.getProperty("org.bytedeco.javacpp.maxBytes") == null
                && System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxBytes", "1g");
        }
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null
                && System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InputException || ex instanceof NoSuchElementException
                    || ex instanceof IllegalArgumentException || ex instanceof RunBusyException
                    || ex instanceof StoreException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        return new DefaultCommand(store).call();
    }
}
