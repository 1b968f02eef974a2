package dev.mailtrace.dovecot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.mailtrace.event.LogEvent;
import dev.mailtrace.parse.EventListener;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.parse.ParsedLine;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.spi.LogDialect;
import dev.mailtrace.spi.LogLine;

/**
 * A quick throughput figure, not a benchmark (those are JMH, in mailtrace-bench): the real lines of
 * {@code ../shared/corpora} these dialects claim plus every rule case (the recognised ones), as whole
 * syslog lines in one buffer, repeated in memory; through the dialects alone (headers split off
 * beforehand) and through core's {@code LogParser} (framing, program dispatch, dialect); median of 5
 * timed rounds after 5 warm-up rounds, as lines per second of the thread's CPU time (robust on a
 * shared machine; wall-clock figures are printed beside), and bytes allocated per line. Run with
 * {@code mvn -pl mailtrace-dovecot -am test -Dtest=ThroughputTest -Dmailtrace.perf=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "mailtrace.perf", matches = "true")
class ThroughputTest {

    private static final DialectRegistry REGISTRY = DialectRegistry.builder()
            .addServiceLoaded(ThroughputTest.class.getClassLoader()).build();

    /** A reusable flyweight line over one buffer, as the framing layer hands them out. */
    private static final class Flyweight implements LogLine {
        byte[] bytes;
        int start;
        int end;
        String program;

        @Override
        public byte[] bytes() {
            return bytes;
        }

        @Override
        public int messageStart() {
            return start;
        }

        @Override
        public int messageEnd() {
            return end;
        }

        @Override
        public String program() {
            return program;
        }

        @Override
        public long pid() {
            return -1;
        }
    }

    private static final class Sink implements Consumer<LogEvent>, EventListener {
        long events;
        long hash;

        @Override
        public void accept(LogEvent e) {
            events++;
            hash += System.identityHashCode(e.type());
        }

        @Override
        public void event(ParsedLine line, LogEvent e) {
            accept(e);
        }
    }

    /** Whole syslog lines: the corpus lines, then each case as "Nov 24 10:04:05 mx1 TAG: LINE". */
    private static List<String> lines() throws IOException, URISyntaxException {
        List<String> lines = new ArrayList<>();
        String dir = System.getProperty("mailtrace.shared.dir", "../../shared");
        for (String corpus : Corpus.FILES) {
            Path p = Path.of(dir).resolve(corpus);
            if (Files.exists(p)) {
                for (Corpus.Line l : Corpus.lines(p, REGISTRY)) {
                    if (!l.raw().startsWith("@")) {
                        lines.add(l.raw());
                    }
                }
            }
        }
        for (String[] c : CasesTest.allLines()) {
            if (!c[2].isEmpty()) {
                lines.add("Nov 24 10:04:05 mx1 " + c[1] + ": " + c[2]);
            }
        }
        return lines;
    }

    @Test
    void linesPerSecond() throws IOException, URISyntaxException {
        List<String> lines = lines();
        byte[][] raws = new byte[lines.size()][];
        int total = 0;
        for (int i = 0; i < raws.length; i++) {
            raws[i] = lines.get(i).getBytes(StandardCharsets.UTF_8);
            total += raws[i].length;
        }
        byte[] buffer = new byte[total];
        int[] starts = new int[raws.length];
        int[] msgStarts = new int[raws.length];
        int[] ends = new int[raws.length];
        String[] programs = new String[raws.length];
        LogDialect[] dialects = new LogDialect[raws.length];
        int p = 0;
        dev.mailtrace.syslog.SyslogScanner scanner = dev.mailtrace.syslog.SyslogScanner.builder().year(2024).build();
        dev.mailtrace.syslog.SyslogHeader h = new dev.mailtrace.syslog.SyslogHeader();
        for (int i = 0; i < raws.length; i++) {
            System.arraycopy(raws[i], 0, buffer, p, raws[i].length);
            starts[i] = p;
            // the framing's split, done here once
            scanner.scan(buffer, p, raws[i].length, h);
            programs[i] = h.program().intern();
            dialects[i] = REGISTRY.dialectFor(programs[i]);
            assertThat(dialects[i]).as("dialect of %s", lines.get(i)).isNotNull();
            msgStarts[i] = h.messageStart();
            p += raws[i].length;
            ends[i] = p;
        }
        int repeats = Math.max(1, 1_000_000 / raws.length);
        long perRound = (long) repeats * raws.length;
        Flyweight line = new Flyweight();
        line.bytes = buffer;
        Sink sink = new Sink();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        double[] rates = new double[5];
        double[] wall = new double[5];
        double bytesPerLine = 0;
        for (int round = -5; round < 5; round++) {
            long a0 = mx.getThreadAllocatedBytes(self);
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < starts.length; i++) {
                    line.start = msgStarts[i];
                    line.end = ends[i];
                    line.program = programs[i];
                    dialects[i].parse(line, sink);
                }
            }
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            long a1 = mx.getThreadAllocatedBytes(self);
            if (round >= 0) {
                rates[round] = perRound / ((c1 - c0) / 1e9);
                wall[round] = perRound / ((t1 - t0) / 1e9);
                bytesPerLine += (double) (a1 - a0) / perRound / 5;
            }
        }
        Arrays.sort(rates);
        Arrays.sort(wall);
        System.out.printf("dovecot/filter dialects: %d distinct lines (%d bytes avg) x %d per round; median %.0f lines/s "
                + "of CPU time (min %.0f, max %.0f; wall-clock median %.0f); %.0f bytes allocated per line; %d events%n",
                raws.length, total / raws.length, repeats, rates[2], rates[0], rates[4], wall[2], bytesPerLine,
                sink.events);
        assertThat(sink.events).isPositive();

        LogParser parser = LogParser.builder(REGISTRY).year(2024).build();
        parser.startSource("memory", null);
        rates = new double[5];
        wall = new double[5];
        bytesPerLine = 0;
        for (int round = -5; round < 5; round++) {
            long a0 = mx.getThreadAllocatedBytes(self);
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < starts.length; i++) {
                    parser.parseLine(buffer, starts[i], raws[i].length, sink);
                }
            }
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            long a1 = mx.getThreadAllocatedBytes(self);
            if (round >= 0) {
                rates[round] = perRound / ((c1 - c0) / 1e9);
                wall[round] = perRound / ((t1 - t0) / 1e9);
                bytesPerLine += (double) (a1 - a0) / perRound / 5;
            }
        }
        Arrays.sort(rates);
        Arrays.sort(wall);
        System.out.printf("LogParser framing + these dialects: median %.0f lines/s of CPU time (min %.0f, max %.0f; "
                + "wall-clock median %.0f); %.0f bytes allocated per line; %d of %d lines unknown%n", rates[2], rates[0],
                rates[4], wall[2], bytesPerLine,
                parser.stats().unknownLines(), parser.stats().lines());
        assertThat(parser.stats().unknownLines()).isZero();
    }
}
