package dev.mailtrace.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;

import dev.mailtrace.io.LogReader;
import dev.mailtrace.parse.ParseStats;
import dev.mailtrace.sink.AsyncSink;
import dev.mailtrace.sink.NdjsonSink;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.Hop;
import dev.mailtrace.trace.MessageTrace;
import dev.mailtrace.trace.Recipient;
import dev.mailtrace.trace.Reject;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TracePipeline;
import dev.mailtrace.trace.TraceRecord;
import dev.mailtrace.trace.TraceStateException;
import dev.mailtrace.trace.TraceStats;
import dev.mailtrace.trace.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace trace}: mail logs to per-server transactions (or end-to-end messages) and the
 * refusals that explain missing mail, filtered by sender, recipient, Message-ID, host and time.
 */
@Command(name = "trace",
        description = {
            "Trace mail through the logs: one record per queued message and host (a transaction, with every",
            "delivery attempt and the hops before and after it), or per e-mail end to end with --messages, plus the",
            "refusals (rejects) that match. Text for people, or --format json: the NDJSON schema of the README.",
            "Several FILEs (the logs of several hosts, each with its rotated set under --rotated) are read side by",
            "side and merged by time, so that hand-offs between the hosts are linked.",
        },
        usageHelpAutoWidth = true)
final class TraceCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json }

    @ParentCommand
    MailtraceCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    LogInputOptions input;

    @Option(names = {"-f", "--from"}, paramLabel = "ADDR",
            description = "Only mail from this envelope sender (any case; <> for the null sender of bounces).")
    String from;

    @Option(names = {"-t", "--to"}, paramLabel = "ADDR",
            description = "Only mail to this recipient (any case; also matches the address before aliasing).")
    String to;

    @Option(names = "--msgid", paramLabel = "ID", description = "Only mail with this Message-ID (with or without <>).")
    String msgid;

    @Option(names = {"-H", "--host"}, paramLabel = "H",
            description = "Only transactions on this host; with --messages, messages that passed through it.")
    String host;

    @Option(names = {"-d", "--since"}, paramLabel = "T",
            description = "Only records that end at or after T: 2026-11-24, '2026-11-24 10:04', an ISO-8601 time,"
                    + " or a duration back from now (2h, 3d).")
    String since;

    @Option(names = {"-D", "--until"}, paramLabel = "T",
            description = "Only records that begin before T (a day means until its end); same forms as --since.")
    String until;

    @Option(names = {"-r", "--last"}, paramLabel = "N",
            description = "Only the N most recent matching records, most recent first (by start).")
    Integer last;

    @Option(names = "--messages",
            description = "End-to-end messages (hops across hosts, each recipient's outcome, bounces) instead of transactions.")
    boolean messages;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object per line).")
    Format format;

    @Option(names = {"-j", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "Threads that parse and aggregate (default: ${DEFAULT-VALUE}). 2: one thread reads and parses"
                    + " while another aggregates, faster on 2 cores for logs of more than about 5 million lines (below"
                    + " that, compiling the code on the second core costs more than it gains); N > 2: N - 1 threads"
                    + " parse while one aggregates. The output is the same for every N; records are written on a thread"
                    + " of their own either way. Use 1 with --line-buffered: with more, records come in batches.")
    int threads;

    @Option(names = "--line-buffered", description = "Flush after every record (for tail -f).")
    boolean lineBuffered;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Run in parts (cron): read what the previous run left open from FILE if it exists, and at the"
                    + " end save what is still open there instead of printing it as incomplete. The runs together print"
                    + " what one run over all the logs would.")
    Path state;

    /** The dialects to read the logs with; null for those on the class path (set by tests and embedding code). */
    DialectRegistry registry;

    @Override
    public Integer call() {
        ZoneId zone = input.zone();
        int year = input.year();
        Instant now = Instant.now();
        Instant sinceTime = since == null ? null : TimeBound.parse("--since", since, zone, false, now);
        Instant untilTime = until == null ? null : TimeBound.parse("--until", until, zone, true, now);
        if (last != null && last < 1) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--last must be at least 1, got " + last);
        }
        if (threads < 1 || threads > 256) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "--threads must be in [1, 256], got " + threads);
        }
        Filter filter = new Filter(from, to, msgid, host, sinceTime, untilTime);
        TracePipeline.Builder pb = TracePipeline.builder(registry != null ? registry : DialectRegistry.load()).zone(zone).threads(threads);
        if (year > 0) {
            pb.year(year);
        }
        TracePipeline pipeline = pb.build();
        List<List<Path>> groups = new ArrayList<>();
        int unreadable = input.collectGroups(groups, this::error);

        OutputStream stdout = new BufferedOutputStream(parent.stdout(), 64 * 1024);
        Sink base = format == Format.json ? NdjsonSink.builder(stdout).zone(zone).flushEachRecord(lineBuffered).build()
                : new TextSink(stdout, zone, lineBuffered);
        // Writing runs beside the aggregation (also with one parsing thread: on 2 cores, TraceBenchmark
        // measured 1.36M lines/s with the writer on its own thread against 1.09M inline).
        Sink out = lineBuffered ? base : AsyncSink.wrap(base, 16, "mailtrace-write");
        PriorityQueue<Ranked> top = last == null ? null
                : new PriorityQueue<>(Comparator.comparing((Ranked r) -> r.record.time()).thenComparingLong(r -> r.seq));
        long[] seq = new long[1];
        long[] written = new long[1];
        TraceAggregator aggregator = TraceAggregator.builder().messages(messages).listener(r -> {
            boolean wanted = r instanceof Reject || (messages ? r instanceof MessageTrace : r instanceof Transaction);
            if (!wanted || !filter.matches(r)) {
                return;
            }
            if (top == null) {
                out.accept(r);
                written[0]++;
            } else {
                top.add(new Ranked(r, seq[0]++));
                if (top.size() > last) {
                    top.poll();
                }
            }
        }).build();

        readState(aggregator);
        long start = System.nanoTime();
        ParseStats stats;
        try {
            List<LogReader> readers = input.openEach(groups, parent.stdin());
            try {
                stats = pipeline.run(readers, aggregator);
            } catch (IOException e) {
                error("cannot read input: " + CliFailure.reason(e));
                unreadable++;
                stats = null;
            } finally {
                for (LogReader r : readers) {
                    try {
                        r.close();
                    } catch (IOException e) {
                        // everything was read
                    }
                }
            }
            if (state == null) {
                aggregator.finish();
            } else {
                writeState(aggregator);
            }
            if (top != null) {
                List<Ranked> recent = new ArrayList<>(top);
                recent.sort(Comparator.comparing((Ranked r) -> r.record.time()).thenComparingLong(r -> r.seq).reversed());
                for (Ranked r : recent) {
                    out.accept(r.record);
                    written[0]++;
                }
            }
            out.close();
        } catch (SinkException e) {
            if (e.getCause() instanceof IOException io) {
                throw CliFailure.outputFailed(io);
            }
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, e.getMessage());
        }
        if (parent.verbosity() > 0) {
            summary(stats, aggregator.stats(), written[0], System.nanoTime() - start);
        }
        return unreadable > 0 ? MailtraceCommand.EXIT_INPUT : 0;
    }

    private record Ranked(TraceRecord record, long seq) {
    }

    /** The state of the previous run, if {@code --state} names a file that exists. */
    private void readState(TraceAggregator aggregator) {
        if (state == null || !Files.exists(state)) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(state))) {
            aggregator.readState(in);
        } catch (IOException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "--state: cannot read [" + state + "]: " + CliFailure.reason(e)
                    + (e instanceof TraceStateException ? " (remove it to start afresh)" : ""));
        }
    }

    /** Saves what is open into {@code --state}: written beside it, then moved over it, so a crash leaves the old one. */
    private void writeState(TraceAggregator aggregator) {
        Path dir = state.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, state.getFileName().toString(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                aggregator.writeState(out);
            }
            Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                tmp.toFile().delete(); // best effort: the message below says what failed
            }
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "--state: cannot write [" + state + "]: " + CliFailure.reason(e));
        }
    }

    private void summary(ParseStats parse, TraceStats t, long written, long nanos) {
        PrintWriter err = spec.commandLine().getErr();
        long lines = parse == null ? 0 : parse.lines();
        err.printf(Locale.ROOT, "%s: %d lines in %.2f s (%.0f lines/s, %d threads), %d unknown; %d transactions %s,"
                + " %d rejects, %d messages (%d incomplete); at most %d open; %d records written%n",
                spec.qualifiedName(), lines, nanos / 1e9, lines / (nanos / 1e9), threads,
                parse == null ? 0 : parse.unknownLines(), t.transactions(), t.transactionsByClose(), t.rejects(),
                t.messages(), t.incompleteMessages(), t.peakOpenTransactions(), written);
        err.printf(Locale.ROOT, "  links %s, %d hand-offs to relays outside the logs%n", t.links(), t.unresolvedHandoffs());
        err.flush();
    }

    private void error(String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + CliFailure.oneLine(message));
        spec.commandLine().getErr().flush();
    }

    /** What the options ask for; every condition given must hold. Addresses match in any case. */
    static final class Filter {
        private final String from;
        private final String to;
        private final String msgid;
        private final String host;
        private final Instant since;
        private final Instant until;

        Filter(String from, String to, String msgid, String host, Instant since, Instant until) {
            this.from = from == null ? null : from.equals("<>") ? "" : strip(from);
            this.to = to == null ? null : strip(to);
            this.msgid = msgid == null ? null : strip(msgid);
            this.host = host;
            this.since = since;
            this.until = until;
        }

        private static String strip(String s) {
            String t = s.trim();
            return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t;
        }

        boolean matches(TraceRecord r) {
            if (r instanceof Transaction t) {
                return time(t.start(), t.end()) && address(from, t.from()) && host(t.host())
                        && (msgid == null || msgid.equals(t.messageId())) && (to == null || hasRecipient(t));
            }
            if (r instanceof MessageTrace m) {
                return time(m.start(), m.end()) && address(from, m.from()) && (msgid == null || msgid.equals(m.messageId()))
                        && (to == null || m.recipients().stream().anyMatch(o -> to.equalsIgnoreCase(o.to())))
                        && (host == null || m.hops().stream().map(Hop::host).anyMatch(this::host));
            }
            if (r instanceof Reject j) {
                return msgid == null && time(j.time(), j.time()) && address(from, j.from()) && address(to, j.to())
                        && host(j.host());
            }
            return false;
        }

        private boolean hasRecipient(Transaction t) {
            for (Recipient rc : t.recipients()) {
                if (to.equalsIgnoreCase(rc.to()) || to.equalsIgnoreCase(rc.origTo())) {
                    return true;
                }
            }
            return false;
        }

        private boolean time(Instant start, Instant end) {
            return (since == null || !end.isBefore(since)) && (until == null || start.isBefore(until));
        }

        private static boolean address(String wanted, String actual) {
            return wanted == null || actual != null && wanted.equalsIgnoreCase(actual);
        }

        private boolean host(String h) {
            return host == null || host.equalsIgnoreCase(h);
        }
    }

    /** The human format as a sink. */
    static final class TextSink implements Sink {
        private final TraceTextWriter writer;
        private final OutputStream out;
        private final boolean flushEach;

        TextSink(OutputStream out, ZoneId zone, boolean flushEach) {
            this.writer = new TraceTextWriter(out, zone);
            this.out = out;
            this.flushEach = flushEach;
        }

        @Override
        public void accept(TraceRecord r) {
            try {
                writer.write(r);
                if (flushEach) {
                    flush();
                }
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() {
            try {
                writer.flush();
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            flush();
        }

        private static SinkException failed(IOException e) {
            return new SinkException("text", "cannot write: " + e.getMessage(), e);
        }
    }
}
