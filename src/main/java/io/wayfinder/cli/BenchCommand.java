package io.wayfinder.cli;

import picocli.CommandLine.Command;

/** {@code wayfinder bench ...}: benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchTabularCommand.class, BenchSampleEfficiencyCommand.class, BenchControllerCommand.class,
                BenchTextCommand.class, BenchGuiCommand.class, BenchConvNetCommand.class,
                BenchDistributedCommand.class, BenchStrategiesCommand.class, BenchHurdlesCommand.class})
public final class BenchCommand {
}
