package dev.mailtrace.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.UnknownLine;
import dev.mailtrace.io.Utf8;
import dev.mailtrace.parse.EventListener;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.parse.ParsedLine;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TraceRecord;

/**
 * The whole way of a log through mailtrace — lines, syslog header, the dialect that claims each
 * program, the aggregator — with the invariants every input must keep, for fuzz tests of dialects:
 *
 * <pre>{@code
 * @FuzzTest(maxDuration = "5s")
 * void anyLogKeepsTheInvariants(byte[] log) {
 *     PipelineInvariants.of(DialectRegistry.load()).check(log);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>no exception: a dialect that throws is a failure here (the parser would only count it as
 *       {@code dialect_failed}), and so is one that reads outside its line: each line lies alone in an
 *       array of its exact length;</li>
 *   <li>every line is accounted for: at least one event (parsed, syslog notice or unknown line) per
 *       line, and the parser counts every line;</li>
 *   <li>the offsets a dialect is given lie within the line (tag before message, message inside);</li>
 *   <li>every event writes only the fields its type declares, in order, with the declared kinds;</li>
 *   <li>the aggregator takes every event, and a run cut in two by {@code writeState}/{@code readState}
 *       in the middle emits exactly the records of the uninterrupted run.</li>
 * </ul>
 *
 * Lines are split at LF as in a file; the RFC 3164 year comes from a fixed reference time, so a
 * finding reproduces. Hangs are caught by the fuzz test's timeout.
 */
public final class PipelineInvariants {

    /** The reference time for RFC 3164 years: fixed, so that every run of an input is the same. */
    private static final Instant REFERENCE = Instant.parse("2026-11-24T12:00:00Z");

    private final DialectRegistry registry;

    private PipelineInvariants(DialectRegistry registry) {
        DialectRegistry.Builder checked = DialectRegistry.builder();
        registry.dialects().forEach(d -> checked.add(new OffsetChecking(d)));
        this.registry = checked.build();
    }

    /** Checks with these dialects (each wrapped to check the offsets it is given). */
    public static PipelineInvariants of(DialectRegistry registry) {
        return new PipelineInvariants(registry);
    }

    /** Runs {@code log} through the pipeline twice (whole, and cut at the middle line) and checks the invariants. */
    public void check(byte[] log) {
        List<byte[]> lines = lines(log);
        List<TraceRecord> whole = new ArrayList<>();
        TraceAggregator one = aggregator(whole);
        Run run = new Run(one);
        run.parse(lines, 0, lines.size());
        one.finish();

        List<TraceRecord> inParts = new ArrayList<>();
        TraceAggregator first = aggregator(inParts);
        Run cut = new Run(first);
        int middle = lines.size() / 2;
        cut.parse(lines, 0, middle);
        TraceAggregator second = aggregator(inParts);
        resume(first, second);
        cut.aggregator = second;
        cut.parse(lines, middle, lines.size());
        second.finish();
        assertThat(inParts).as("records of a run cut by writeState/readState after line %d of %d", middle, lines.size())
                .isEqualTo(whole);
    }

    private static TraceAggregator aggregator(List<TraceRecord> out) {
        return TraceAggregator.builder().messages(true).listener(out::add).build();
    }

    private static void resume(TraceAggregator from, TraceAggregator to) {
        try {
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            from.writeState(state);
            to.readState(new ByteArrayInputStream(state.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("the aggregator's own state does not read back", e);
        }
    }

    /** The lines of a log, each in an array of its own exact length, without the LF. */
    private static List<byte[]> lines(byte[] log) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= log.length; i++) {
            if (i == log.length || log[i] == '\n') {
                if (i > start || i < log.length) {
                    lines.add(Arrays.copyOfRange(log, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** One pass of the parser; the aggregator can be swapped between lines. */
    private final class Run implements EventListener {
        private final LogParser parser = LogParser.builder(registry).zone(ZoneOffset.UTC).build();
        TraceAggregator aggregator;
        private long lineNumber;
        private int events;
        private String raw;

        Run(TraceAggregator aggregator) {
            this.aggregator = aggregator;
            parser.startSource("fuzz", REFERENCE);
        }

        void parse(List<byte[]> lines, int from, int to) {
            for (int i = from; i < to; i++) {
                byte[] b = lines.get(i);
                lineNumber++;
                events = 0;
                raw = new String(b, StandardCharsets.UTF_8);
                parser.parseLine(b, 0, b.length, !Utf8.isValid(b, 0, b.length), false, this);
                assertThat(events).as("events of line %d [%s]", lineNumber, raw).isGreaterThanOrEqualTo(1);
            }
            assertThat(parser.stats().lines()).as("lines counted by the parser").isEqualTo(lineNumber);
        }

        @Override
        public void event(ParsedLine line, LogEvent event) {
            events++;
            assertThat(line.lineNumber()).as("line number of an event").isEqualTo(lineNumber);
            if (event instanceof UnknownLine u) {
                assertThat(u.reason()).as("dialect [%s] on line [%s]: it threw (the parser logged why)",
                        line.dialect() == null ? null : line.dialect().name(), raw).isNotEqualTo(UnknownLine.DIALECT_FAILED);
            }
            Fields.of(event);
            aggregator.event(line, event);
        }
    }

    /** A dialect that first checks the offsets of the line it is given. */
    private static final class OffsetChecking implements LogDialect {
        private final LogDialect dialect;

        OffsetChecking(LogDialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public String name() {
            return dialect.name();
        }

        @Override
        public Set<String> programs() {
            return dialect.programs();
        }

        @Override
        public List<EventType> eventTypes() {
            return dialect.eventTypes();
        }

        @Override
        public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
            int length = line.bytes().length;
            int start = line.messageStart();
            int end = line.messageEnd();
            int tagStart = line.tagStart();
            int tagEnd = line.tagEnd();
            boolean tagValid = tagStart < 0 ? tagEnd == -1 : tagStart <= tagEnd && tagEnd <= start;
            if (start < 0 || start > end || end > length || !tagValid) {
                fail("offsets outside the line: message [%d, %d), tag [%d, %d) in a line of %d bytes [%s]", start, end,
                        tagStart, tagEnd, length, new String(line.bytes(), StandardCharsets.UTF_8));
            }
            return dialect.parse(line, out);
        }
    }
}
