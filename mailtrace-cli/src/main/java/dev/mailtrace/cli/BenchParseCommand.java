package dev.mailtrace.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.mailtrace.bench.api.LineSample;
import dev.mailtrace.bench.api.ParseBenchmark;
import dev.mailtrace.spi.DialectRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailtrace bench parse}: syslog framing + dialects on log files, and where the time goes. */
@Command(name = "parse",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Benchmark lines to typed events (framing + dialects): lines/s overall, per dialect, program and event"
                + " type, unknown share.",
        sortOptions = false,
        usageHelpAutoWidth = true)
final class BenchParseCommand implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Option(names = "--time", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Measuring time of the timed rounds. Default: ${DEFAULT-VALUE}.")
    Duration time;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Rows per table. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (tables) or json (one object). Default: ${DEFAULT-VALUE}.")
    BenchPatternsCommand.Format format;

    @Option(names = "--max-lines", paramLabel = "N", defaultValue = "" + Integer.MAX_VALUE,
            description = "Read at most N lines (the sample is held in memory).")
    int maxLines;

    @Parameters(paramLabel = "LOGFILE", arity = "1..*", description = "Log files (gzip is detected by content).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        if (format == BenchPatternsCommand.Format.html) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--format html is for bench grok and regex; bench parse writes"
                    + " text or json");
        }
        LineSample lines;
        try {
            lines = LineSample.read(files, maxLines);
        } catch (IOException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "cannot read the log files: " + CliFailure.reason(e));
        }
        ParseBenchmark.Result r = new ParseBenchmark(DialectRegistry.load(), lines, time).run();
        try {
            String out = switch (format) {
                case text -> ParseBenchmark.text(r, top);
                case json -> r.toJson() + "\n";
                case html -> throw new IllegalStateException("rejected before the run");
            };
            bench.parent.stdout().write(out.getBytes(StandardCharsets.UTF_8));
            bench.parent.stdout().flush();
        } catch (IOException e) {
            throw CliFailure.outputFailed(e);
        }
        return 0;
    }
}
