package dev.mailtrace.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.SyslogNotice;
import dev.mailtrace.event.UnknownLine;
import dev.mailtrace.io.LogReader;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;
import dev.mailtrace.spi.ProgramResolver;
import dev.mailtrace.syslog.SyslogFormat;
import dev.mailtrace.syslog.SyslogHeader;
import dev.mailtrace.syslog.SyslogNoise;
import dev.mailtrace.syslog.SyslogScanner;
import dev.mailtrace.syslog.YearInference;

/**
 * Turns log lines into events: reads the syslog header, hands the message to the dialect that
 * claims the program, and reports every line — as the dialect's event, a {@link SyslogNotice}, or
 * an {@link UnknownLine} with the reason. Nothing is dropped and one bad line never stops a run.
 *
 * <pre>{@code
 * LogParser parser = LogParser.builder(DialectRegistry.load()).zone(ZoneId.of("Europe/Berlin")).build();
 * try (LogReader in = LogReader.builder().open(RotatedLogs.list(Path.of("/var/log/maillog")))) {
 *     parser.parse(in, (line, event) -> System.out.println(line.timestamp() + " " + event));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one parser per thread (it holds the year inference and the per-program
 * dispatch memo). The registry is shared.
 */
public final class LogParser {

    private static final Logger LOG = LoggerFactory.getLogger(LogParser.class);

    private final SyslogScanner scanner;
    private final ProgramResolver resolver;
    private final SyslogHeader header = new SyslogHeader();
    private final Line line = new Line();
    private final ParseStats stats = new ParseStats();
    private final Set<String> failedDialects = new HashSet<>();
    private final Emitter emitter = new Emitter();

    private LogParser(Builder b) {
        SyslogScanner.Builder sb = SyslogScanner.builder().zone(b.zone);
        if (b.year > 0) {
            sb.year(b.year);
        }
        this.scanner = sb.build();
        this.resolver = b.registry.resolver();
    }

    /** A builder over the given dialects. */
    public static Builder builder(DialectRegistry registry) {
        return new Builder(registry);
    }

    /** What this parser has seen so far. */
    public ParseStats stats() {
        return stats;
    }

    /** Parses every line of {@code in}, in order, starting the year inference afresh per file. */
    public void parse(LogReader in, EventListener out) throws IOException {
        while (in.next()) {
            if (in.firstLineOfSource()) {
                scanner.startSource(in.sourceModified());
            }
            line.file = in.sourceName();
            line.lineNumber = in.lineNumber();
            line.byteOffset = in.byteOffset();
            scanLine(in.buffer(), in.start(), in.length(), in.invalidUtf8(), in.truncated(), out);
        }
    }

    /**
     * Starts a new source for {@link #parseLine}: its name and the reference time for RFC 3164
     * years (its modification time, or null for now).
     */
    public void startSource(String file, Instant reference) {
        scanner.startSource(reference);
        line.file = file;
        line.lineNumber = 0;
        line.byteOffset = 0;
    }

    /**
     * Parses one line of the current source (UTF-8, without terminator); line numbers and
     * offsets advance as if the lines came from one file.
     */
    public void parseLine(byte[] buf, int off, int len, EventListener out) {
        parseLine(buf, off, len, false, false, out);
    }

    /**
     * As {@link #parseLine(byte[], int, int, EventListener)}, for a line the caller has checked:
     * whether it holds invalid UTF-8 and whether it was cut (both flagged and counted as for files).
     */
    public void parseLine(byte[] buf, int off, int len, boolean invalidUtf8, boolean truncated, EventListener out) {
        line.lineNumber++;
        scanLine(buf, off, len, invalidUtf8, truncated, out);
        line.byteOffset += len + 1;
    }

    private void scanLine(byte[] buf, int off, int len, boolean invalidUtf8, boolean truncated, EventListener out) {
        stats.line(invalidUtf8, truncated);
        line.invalidUtf8 = invalidUtf8;
        line.truncated = truncated;
        line.dialect = null;
        line.program = null;
        line.host = null;
        SyslogFormat format = scanner.scan(buf, off, len, header);
        if (format == SyslogFormat.NONE) {
            unknown(UnknownLine.NO_HEADER, out);
            return;
        }
        if (header.hasProgram()) {
            resolver.resolve(buf, header.programStart(), header.programEnd());
            line.program = resolver.program();
            line.dialect = resolver.dialect();
        }
        if (header.noise() != SyslogNoise.NONE) {
            emit(SyslogNotice.of(header.noise().name(), header.noiseCount()), out);
            return;
        }
        LogDialect dialect = line.dialect;
        if (dialect == null) {
            unknown(UnknownLine.UNCLAIMED, out);
            return;
        }
        emitter.out = out;
        emitter.count = 0;
        boolean recognised;
        try {
            recognised = dialect.parse(line, emitter);
        } catch (ListenerFailure e) {
            throw e.failure; // the caller's listener failed, not the dialect: never hide that
        } catch (RuntimeException e) {
            // A dialect bug must not stop the run: report the line, warn once per dialect.
            if (failedDialects.add(dialect.name())) {
                LOG.warn("dialect [{}] failed on {}:{} (further failures are only counted)",
                        dialect.name(), line.file, line.lineNumber, e);
            }
            unknown(UnknownLine.DIALECT_FAILED, out);
            return;
        }
        if (!recognised || emitter.count == 0) {
            unknown(UnknownLine.UNRECOGNISED, out);
        }
    }

    private void unknown(String reason, EventListener out) {
        stats.unknown(line.program, reason);
        emit(new UnknownLine(reason, line.raw()), out);
    }

    private void emit(LogEvent event, EventListener out) {
        stats.event(event.type());
        out.event(line, event);
    }

    /** Forwards a dialect's events to the listener, counting them. */
    private final class Emitter implements Consumer<LogEvent> {
        EventListener out;
        int count;

        @Override
        public void accept(LogEvent event) {
            count++;
            Objects.requireNonNull(event, "event");
            try {
                emit(event, out);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }
    }

    /** Carries a listener's failure through the dialect's parse, to tell it from the dialect's own. */
    private static final class ListenerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final RuntimeException failure;

        ListenerFailure(RuntimeException failure) {
            super(null, failure, false, false);
            this.failure = failure;
        }
    }

    /** The flyweight handed to dialects and listeners. */
    private final class Line implements ParsedLine, LogLine {
        String file = "-";
        long lineNumber;
        long byteOffset;
        boolean invalidUtf8;
        boolean truncated;
        String program;
        LogDialect dialect;
        String host;
        // Hosts repeat line after line, and a central log interleaves a few dozen of them: a small
        // direct-mapped cache turns each into one String for the whole run, without allocating.
        private final byte[][] hostKeys = new byte[64][];
        private final String[] hostNames = new String[64];

        @Override
        public byte[] bytes() {
            return header.buffer();
        }

        @Override
        public int messageStart() {
            return header.messageStart();
        }

        @Override
        public int messageEnd() {
            return header.messageEnd();
        }

        @Override
        public String program() {
            return program;
        }

        @Override
        public int tagStart() {
            return header.tagEnd() > header.tagStart() ? header.tagStart() : -1;
        }

        @Override
        public int tagEnd() {
            return header.tagEnd() > header.tagStart() ? header.tagEnd() : -1;
        }

        @Override
        public long pid() {
            return header.pid();
        }

        @Override
        public String file() {
            return file;
        }

        @Override
        public long lineNumber() {
            return lineNumber;
        }

        @Override
        public long byteOffset() {
            return byteOffset;
        }

        @Override
        public SyslogFormat format() {
            return header.format();
        }

        @Override
        public boolean hasTimestamp() {
            return header.hasTimestamp();
        }

        @Override
        public Instant instant() {
            return header.hasTimestamp() ? header.instant() : null;
        }

        @Override
        public OffsetDateTime timestamp() {
            return header.hasTimestamp() ? header.offsetDateTime() : null;
        }

        @Override
        public String host() {
            if (host == null && header.hasHost()) {
                byte[] b = header.buffer();
                int s = header.hostStart();
                int e = header.hostEnd();
                int h = 0;
                for (int i = s; i < e; i++) {
                    h = 31 * h + b[i];
                }
                int slot = (h ^ (h >>> 7)) & (hostKeys.length - 1);
                byte[] key = hostKeys[slot];
                if (key == null || !Arrays.equals(key, 0, key.length, b, s, e)) {
                    hostKeys[slot] = key = Arrays.copyOfRange(b, s, e);
                    hostNames[slot] = new String(key, StandardCharsets.UTF_8);
                }
                host = hostNames[slot];
            }
            return host;
        }

        @Override
        public LogDialect dialect() {
            return dialect;
        }

        @Override
        public boolean invalidUtf8() {
            return invalidUtf8;
        }

        @Override
        public boolean truncated() {
            return truncated;
        }

        @Override
        public String raw() {
            return new String(header.buffer(), header.lineStart(), header.lineEnd() - header.lineStart(),
                    StandardCharsets.UTF_8);
        }
    }

    /** Configures a {@link LogParser}. */
    public static final class Builder {
        private final DialectRegistry registry;
        private ZoneId zone = ZoneId.systemDefault();
        private int year;

        private Builder(DialectRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** The zone of timestamps written without one (RFC 3164). Default: the system zone. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The year of the first RFC 3164 line of each file, instead of inferring it from the file's mtime. */
        public Builder year(int year) {
            this.year = YearInference.checkYear(year);
            return this;
        }

        /** A new parser; build one per thread. */
        public LogParser build() {
            return new LogParser(this);
        }
    }
}
