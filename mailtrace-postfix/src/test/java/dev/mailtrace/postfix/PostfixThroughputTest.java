package dev.mailtrace.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
import dev.mailtrace.spi.LogLine;
import dev.mailtrace.testkit.SharedData;

/**
 * A quick throughput figure, not a benchmark (those are JMH, in mailtrace-bench): the real postfix
 * lines of {@code ../shared/corpora} repeated in memory, through the dialect alone (headers split
 * off beforehand) and through core's {@code LogParser} (syslog framing, program dispatch, dialect);
 * median of 5 timed rounds after 5 warm-up rounds, and bytes allocated per line. Run with
 * {@code mvn -pl mailtrace-postfix -am test -Dtest=PostfixThroughputTest -Dmailtrace.perf=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "mailtrace.perf", matches = "true")
class PostfixThroughputTest {

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

    private static final class Sink implements Consumer<LogEvent> {
        long events;
        long hash;

        @Override
        public void accept(LogEvent e) {
            events++;
            hash += System.identityHashCode(e.type());
        }
    }

    @Test
    void dialectLinesPerSecond() throws IOException {
        List<Corpus.Line> lines = new ArrayList<>();
        for (String f : Corpus.FILES) {
            lines.addAll(Corpus.postfixLines(SharedData.require(f)));
        }
        // one buffer holding every message back to back, as a reader's buffer would
        byte[][] msgs = new byte[lines.size()][];
        int total = 0;
        for (int i = 0; i < msgs.length; i++) {
            msgs[i] = lines.get(i).message().getBytes(StandardCharsets.UTF_8);
            total += msgs[i].length;
        }
        byte[] buffer = new byte[total];
        int[] starts = new int[msgs.length];
        int[] ends = new int[msgs.length];
        String[] programs = new String[msgs.length];
        int p = 0;
        for (int i = 0; i < msgs.length; i++) {
            System.arraycopy(msgs[i], 0, buffer, p, msgs[i].length);
            starts[i] = p;
            p += msgs[i].length;
            ends[i] = p;
            programs[i] = lines.get(i).program().intern();
        }
        int repeats = Math.max(1, 1_000_000 / msgs.length);
        long perRound = (long) repeats * msgs.length;
        PostfixDialect dialect = new PostfixDialect();
        Flyweight line = new Flyweight();
        line.bytes = buffer;
        Sink sink = new Sink();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        double[] rates = new double[5];
        double bytesPerLine = 0;
        for (int round = -5; round < 5; round++) {
            long a0 = mx.getThreadAllocatedBytes(self);
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < starts.length; i++) {
                    line.start = starts[i];
                    line.end = ends[i];
                    line.program = programs[i];
                    dialect.parse(line, sink);
                }
            }
            long t1 = System.nanoTime();
            long a1 = mx.getThreadAllocatedBytes(self);
            if (round >= 0) {
                rates[round] = perRound / ((t1 - t0) / 1e9);
                bytesPerLine += (double) (a1 - a0) / perRound / 5;
            }
        }
        Arrays.sort(rates);
        System.out.printf("postfix dialect: %d distinct lines x %d per round; median %.0f lines/s (min %.0f, max %.0f); "
                + "%.0f bytes allocated per line; %d events%n", msgs.length, repeats, rates[2], rates[0], rates[4],
                bytesPerLine, sink.events);
        assertThat(sink.events).isPositive();
    }

    private static final class Listener implements EventListener {
        long events;
        long hash;

        @Override
        public void event(ParsedLine line, LogEvent e) {
            events++;
            hash += System.identityHashCode(e.type());
        }
    }

    @Test
    void framingAndDialectLinesPerSecond() throws IOException {
        List<Corpus.Line> lines = new ArrayList<>();
        for (String f : Corpus.FILES) {
            lines.addAll(Corpus.postfixLines(SharedData.require(f)));
        }
        byte[][] raws = new byte[lines.size()][];
        int total = 0;
        for (int i = 0; i < raws.length; i++) {
            raws[i] = lines.get(i).raw().getBytes(StandardCharsets.UTF_8);
            total += raws[i].length;
        }
        byte[] buffer = new byte[total];
        int[] starts = new int[raws.length];
        int p = 0;
        for (int i = 0; i < raws.length; i++) {
            System.arraycopy(raws[i], 0, buffer, p, raws[i].length);
            starts[i] = p;
            p += raws[i].length;
        }
        int repeats = Math.max(1, 1_000_000 / raws.length);
        long perRound = (long) repeats * raws.length;
        LogParser parser = LogParser.builder(DialectRegistry.builder().add(new PostfixDialect()).build()).year(2024)
                .build();
        parser.startSource("memory", null);
        Listener listener = new Listener();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        double[] rates = new double[5];
        double bytesPerLine = 0;
        for (int round = -5; round < 5; round++) {
            long a0 = mx.getThreadAllocatedBytes(self);
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < starts.length; i++) {
                    parser.parseLine(buffer, starts[i], raws[i].length, listener);
                }
            }
            long t1 = System.nanoTime();
            long a1 = mx.getThreadAllocatedBytes(self);
            if (round >= 0) {
                rates[round] = perRound / ((t1 - t0) / 1e9);
                bytesPerLine += (double) (a1 - a0) / perRound / 5;
            }
        }
        Arrays.sort(rates);
        System.out.printf("LogParser framing + postfix dialect: %d distinct lines x %d per round; median %.0f lines/s "
                + "(min %.0f, max %.0f); %.0f bytes allocated per line; %d of %d lines unknown%n", raws.length, repeats,
                rates[2], rates[0], rates[4], bytesPerLine, parser.stats().unknownLines(), parser.stats().lines());
        assertThat(listener.events).isPositive();
        assertThat(parser.stats().unknownLines()).isZero();
    }
}
