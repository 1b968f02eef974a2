package dev.mailtrace.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.SyslogNotice;
import dev.mailtrace.event.UnknownLine;
import dev.mailtrace.io.LogReader;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.parse.ParseStats;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace parse}: log lines to typed events, one NDJSON object per line, through the
 * dialects found on the class path.
 */
@Command(name = "parse",
        description = {
            "Parse mail logs into typed events: one JSON object per input line, in order.",
            "",
            "  {\"file\":..,\"line\":N,\"timestamp\":\"ISO-8601 with offset\",\"host\":..,\"program\":..,\"pid\":..,"
                    + "\"dialect\":\"postfix\",\"event\":\"<type>\", ...event fields}",
            "",
            "Unrecognised lines give \"event\":\"unknown\" with \"reason\" and \"raw\"; syslog's own lines"
                    + " (last message repeated, -- MARK --) give \"event\":\"syslog\". A summary goes to stderr at the end.",
        },
        usageHelpAutoWidth = true)
final class ParseCommand implements Callable<Integer> {

    @ParentCommand
    MailtraceCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    LogInputOptions input;

    @Option(names = "--list-fields",
            description = "List the event types of every dialect with their fields (type<TAB>field<TAB>kind<TAB>description), then exit.")
    boolean listFields;

    @Option(names = "--line-buffered", description = "Flush after every line (for tail -f).")
    boolean lineBuffered;

    @Override
    public Integer call() {
        DialectRegistry registry = DialectRegistry.load();
        OutputStream stdout = new BufferedOutputStream(parent.stdout(), 64 * 1024);
        try {
            if (listFields) {
                listFields(registry, stdout);
                stdout.flush();
                return 0;
            }
            LogParser.Builder builder = LogParser.builder(registry).zone(input.zone());
            if (input.year() > 0) {
                builder.year(input.year());
            }
            LogParser parser = builder.build();
            List<Path> paths = new ArrayList<>();
            int unreadable = input.collect(paths, this::error);
            EventJsonWriter out = new EventJsonWriter(stdout, lineBuffered);
            Progress progress = Progress.forStderr(spec.commandLine().getErr());
            long start = System.nanoTime();
            try (LogReader reader = input.open(paths, parent.stdin())) {
                parser.parse(reader, (line, event) -> {
                    try {
                        out.write(line, event);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    progress.tick(parser.stats().lines());
                });
            } catch (UncheckedIOException e) {
                throw CliFailure.outputFailed(e.getCause());
            } catch (IOException e) {
                error("cannot read input: " + CliFailure.reason(e));
                unreadable++;
            }
            out.flush();
            progress.done();
            summary(parser.stats(), System.nanoTime() - start);
            return unreadable > 0 ? MailtraceCommand.EXIT_INPUT : 0;
        } catch (IOException e) {
            throw CliFailure.outputFailed(e);
        }
    }

    private static void listFields(DialectRegistry registry, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<EventType> types = new ArrayList<>();
        for (LogDialect d : registry.dialects()) {
            types.addAll(d.eventTypes());
        }
        types.add(SyslogNotice.TYPE);
        types.add(UnknownLine.TYPE);
        for (EventType t : types) {
            for (FieldSpec f : t.fields()) {
                sb.append(t.dialect()).append('/').append(t.name()).append('\t').append(f.name()).append('\t')
                        .append(f.kind().name().toLowerCase(Locale.ROOT)).append('\t').append(f.description()).append('\n');
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void summary(ParseStats stats, long nanos) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "%s: %d lines in %.2f s, %d unknown (%.2f%% recognised), %d invalid UTF-8, %d truncated%n",
                spec.qualifiedName(), stats.lines(), nanos / 1e9, stats.unknownLines(),
                stats.lines() == 0 ? 100.0 : 100.0 * (stats.lines() - stats.unknownLines()) / stats.lines(),
                stats.invalidUtf8Lines(), stats.truncatedLines());
        for (Map.Entry<EventType, Long> e : stats.eventsByType().entrySet()) {
            err.printf(Locale.ROOT, "  %-28s %d%n", e.getKey().dialect() + "/" + e.getKey().name(), e.getValue());
        }
        if (!stats.unknownByProgram().isEmpty()) {
            err.println("  unknown by program:");
            stats.unknownByProgram().forEach((program, reasons) -> reasons.forEach((reason, n) ->
                    err.printf(Locale.ROOT, "    %-26s %-22s %d%n", program.isEmpty() ? "(none)" : program, reason, n)));
        }
        err.flush();
    }

    private void error(String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + CliFailure.oneLine(message));
        spec.commandLine().getErr().flush();
    }

    /** A line count on stderr, refreshed once a second, only when stderr is a terminal. */
    static final class Progress {
        private final StatusLine status;
        private long nextNanos;

        private Progress(StatusLine status) {
            this.status = status;
            this.nextNanos = System.nanoTime() + 1_000_000_000L;
        }

        static Progress forStderr(PrintWriter err) {
            return new Progress(StatusLine.forStderr(err));
        }

        void tick(long lines) {
            if (status.isActive() && (lines & 0x3FFF) == 0 && System.nanoTime() > nextNanos) {
                status.show(lines + " lines...");
                nextNanos = System.nanoTime() + 1_000_000_000L;
            }
        }

        void done() {
            status.clear();
        }
    }

}
