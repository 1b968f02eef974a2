package dev.mailtrace.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace bench}: benchmark and profile grok patterns ({@link BenchGrokCommand}), plain
 * regexes ({@link BenchRegexCommand}) and the dialects ({@link BenchParseCommand}).
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Benchmark and profile grok patterns, regexes and the dialects on your own logs.",
        subcommands = {BenchGrokCommand.class, BenchRegexCommand.class, BenchParseCommand.class},
        usageHelpAutoWidth = true)
final class BenchCommand implements Runnable {

    /** Exit status when a figure regressed from the --baseline beyond the measured noise. */
    static final int EXIT_REGRESSION = 3;

    @ParentCommand
    MailtraceCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: grok, regex or parse");
    }
}
