package dev.mailtrace.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;
import dev.mailtrace.event.SyslogNotice;
import dev.mailtrace.event.UnknownLine;
import dev.mailtrace.io.LogReader;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

class LogParserTest {

    record Hello(String who) implements LogEvent {
        static final EventType TYPE = EventType.of("greet", "hello", "a greeting");

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("who", who);
        }
    }

    /** Recognises "hello NAME", fails on "boom", has no rule for anything else. */
    static final class Greet implements LogDialect {
        @Override
        public String name() {
            return "greet";
        }

        @Override
        public Set<String> programs() {
            return Set.of("greeter*");
        }

        @Override
        public List<EventType> eventTypes() {
            return List.of(Hello.TYPE);
        }

        @Override
        public boolean parse(LogLine line, Consumer<? super LogEvent> out) {
            String m = line.message();
            if (m.equals("boom")) {
                throw new IllegalStateException("bug");
            }
            if (!m.startsWith("hello ")) {
                return false;
            }
            out.accept(new Hello(m.substring(6) + "/" + line.program() + "/" + line.pid()));
            return true;
        }
    }

    record Seen(String file, long line, String host, String program, String dialect, OffsetDateTime time, LogEvent event) {
    }

    @Test
    void everyLineBecomesExactlyOneEventWithItsSource() throws Exception {
        String log = String.join("\n",
                "Dec 31 23:59:58 mx1 greeter[42]: hello world",
                "Jan  1 00:00:01 mx1 greeter-b: hello again",
                "Jan  1 00:00:02 mx1 greeter[42]: something else",
                "Jan  1 00:00:03 mx1 sshd[7]: Accepted publickey",
                "Jan  1 00:00:04 mx1 greeter[42]: boom",
                "Jan  1 00:00:05 mx1 last message repeated 3 times",
                "this is not syslog at all",
                "2026-01-01T00:00:06.5+01:00 mx2 greeter[1]: hello iso") + "\n";
        DialectRegistry registry = DialectRegistry.builder().add(new Greet()).build();
        LogParser parser = LogParser.builder(registry).zone(ZoneId.of("Europe/Berlin")).year(2025).build();
        List<Seen> seen = new ArrayList<>();
        try (LogReader in = LogReader.builder().open("mail.log",
                new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))) {
            parser.parse(in, (l, e) -> seen.add(new Seen(l.file(), l.lineNumber(), l.host(), l.program(),
                    l.dialect() == null ? null : l.dialect().name(), l.timestamp(), e)));
        }
        assertThat(seen).hasSize(8);
        assertThat(seen).extracting(Seen::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(seen.get(0).event()).isEqualTo(new Hello("world/greeter/42"));
        assertThat(seen.get(0).time()).isEqualTo(OffsetDateTime.parse("2025-12-31T23:59:58+01:00"));
        assertThat(seen.get(1).time()).as("rolled over into the new year").isEqualTo(OffsetDateTime.parse("2026-01-01T00:00:01+01:00"));
        assertThat(seen.get(1).event()).isEqualTo(new Hello("again/greeter-b/-1"));
        assertThat(seen.get(1).file()).isEqualTo("mail.log");
        assertThat(seen.get(1).host()).isEqualTo("mx1");
        assertThat(((UnknownLine) seen.get(2).event()).reason()).isEqualTo(UnknownLine.UNRECOGNISED);
        assertThat(seen.get(2).dialect()).isEqualTo("greet");
        assertThat(((UnknownLine) seen.get(3).event()).reason()).isEqualTo(UnknownLine.UNCLAIMED);
        assertThat(((UnknownLine) seen.get(3).event()).raw()).isEqualTo("Jan  1 00:00:03 mx1 sshd[7]: Accepted publickey");
        assertThat(((UnknownLine) seen.get(4).event()).reason()).isEqualTo(UnknownLine.DIALECT_FAILED);
        assertThat(seen.get(5).event()).isEqualTo(new SyslogNotice("last_message_repeated", 3));
        assertThat(((UnknownLine) seen.get(6).event()).reason()).isEqualTo(UnknownLine.NO_HEADER);
        assertThat(seen.get(7).host()).isEqualTo("mx2");
        assertThat(seen.get(7).time()).isEqualTo(OffsetDateTime.parse("2026-01-01T00:00:06.5+01:00"));

        ParseStats stats = parser.stats();
        assertThat(stats.lines()).isEqualTo(8);
        assertThat(stats.unknownLines()).isEqualTo(4);
        assertThat(stats.eventsByType()).containsEntry(Hello.TYPE, 3L).containsEntry(UnknownLine.TYPE, 4L)
                .containsEntry(SyslogNotice.TYPE, 1L);
        assertThat(stats.unknownByProgram()).containsEntry("sshd", Map.of(UnknownLine.UNCLAIMED, 1L))
                .containsEntry("greeter", Map.of(UnknownLine.UNRECOGNISED, 1L, UnknownLine.DIALECT_FAILED, 1L))
                .containsEntry("", Map.of(UnknownLine.NO_HEADER, 1L));
    }

    @Test
    void linesFedOneByOneCountLinesAndOffsets() {
        LogParser parser = LogParser.builder(DialectRegistry.builder().add(new Greet()).build()).year(2026).build();
        parser.startSource("udp", null);
        List<String> where = new ArrayList<>();
        for (String l : List.of("Nov 24 10:00:00 h greeter: hello a", "Nov 24 10:00:01 h greeter: hello b")) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            parser.parseLine(b, 0, b.length, (line, e) -> where.add(line.file() + ":" + line.lineNumber() + "@" + line.byteOffset()));
        }
        assertThat(where).containsExactly("udp:1@0", "udp:2@35");
    }

    @Test
    void aFailingListenerIsNotMistakenForAFailingDialect() {
        LogParser parser = LogParser.builder(DialectRegistry.builder().add(new Greet()).build()).year(2026).build();
        parser.startSource("x", null);
        byte[] b = "Nov 24 10:00:00 h greeter: hello a".getBytes(StandardCharsets.UTF_8);
        IllegalStateException sinkDown = new IllegalStateException("sink down");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parseLine(b, 0, b.length, (line, e) -> {
            throw sinkDown;
        })).isSameAs(sinkDown);
        assertThat(parser.stats().unknownLines()).isZero();
    }

    @Test
    void interleavedHostsKeepTheirNamesAndReuseTheirStrings() {
        LogParser parser = LogParser.builder(DialectRegistry.builder().add(new Greet()).build()).year(2026).build();
        parser.startSource("central", null);
        List<String> hosts = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int h = 0; h < 100; h++) {
                byte[] b = ("Nov 24 10:00:00 host" + h + " greeter: hello x").getBytes(StandardCharsets.UTF_8);
                parser.parseLine(b, 0, b.length, (line, e) -> hosts.add(line.host()));
            }
        }
        for (int i = 0; i < 300; i++) {
            assertThat(hosts.get(i)).isEqualTo("host" + (i % 100));
        }
        for (String l : List.of("Nov 24 10:00:00 mx1 greeter: hello a", "Nov 24 10:00:00 mx2 greeter: hello b",
                "Nov 24 10:00:00 mx1 greeter: hello c")) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            parser.parseLine(b, 0, b.length, (line, e) -> hosts.add(line.host()));
        }
        assertThat(hosts.get(302)).as("a host seen before: the same String").isSameAs(hosts.get(300));
    }
}
