package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
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
 * A quick throughput figure, not a benchmark (those are JMH, in mailtrace-bench): the recognised
 * lines of the rule cases (every line shape, from= and to= lines the most frequent as in real logs)
 * and the real sendmail lines of {@code ../shared/corpora}, repeated in memory, through the dialect
 * alone (headers split off beforehand) and through core's {@code LogParser} (syslog framing,
 * program dispatch, dialect); median of 5 timed rounds after 5 warm-up rounds, and bytes allocated
 * per line. Run with {@code mvn -pl mailtrace-sendmail -am test -Dtest=SendmailThroughputTest
 * -Dmailtrace.perf=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "mailtrace.perf", matches = "true")
class SendmailThroughputTest {

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

    private static final class Listener implements EventListener {
        long events;

        @Override
        public void event(ParsedLine line, LogEvent e) {
            events++;
        }
    }

    /** {program, message, raw line} of every recognised known line; from= and to= cases weighted x4. */
    private static List<String[]> lines() throws IOException, URISyntaxException {
        List<String[]> lines = new ArrayList<>();
        for (KnownLines.Known k : KnownLines.cases()) {
            if (k.unrecognised()) {
                continue;
            }
            int weight = k.message().contains(": from=") || k.message().contains(": to=") ? 4 : 1;
            for (int i = 0; i < weight; i++) {
                lines.add(new String[] {k.program(), k.message(),
                    "Nov 24 10:04:05 mx1 " + k.program() + "[4242]: " + k.message()});
            }
        }
        for (Corpus.Line l : KnownLines.corpus()) {
            lines.add(new String[] {l.program(), l.message(), l.raw()});
        }
        return lines;
    }

    @Test
    void dialectLinesPerSecond() throws IOException, URISyntaxException {
        List<String[]> lines = lines();
        byte[][] msgs = new byte[lines.size()][];
        int total = 0;
        for (int i = 0; i < msgs.length; i++) {
            msgs[i] = lines.get(i)[1].getBytes(StandardCharsets.UTF_8);
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
            programs[i] = lines.get(i)[0].intern();
        }
        int repeats = Math.max(1, 1_000_000 / msgs.length);
        long perRound = (long) repeats * msgs.length;
        SendmailDialect dialect = new SendmailDialect();
        Flyweight line = new Flyweight();
        line.bytes = buffer;
        Sink sink = new Sink();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        double[] rates = new double[5];
        double[] cpuRates = new double[5];
        double bytesPerLine = 0;
        for (int round = -5; round < 5; round++) {
            long a0 = mx.getThreadAllocatedBytes(self);
            long c0 = mx.getCurrentThreadCpuTime();
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
            long c1 = mx.getCurrentThreadCpuTime();
            long a1 = mx.getThreadAllocatedBytes(self);
            if (round >= 0) {
                rates[round] = perRound / ((t1 - t0) / 1e9);
                cpuRates[round] = perRound / ((c1 - c0) / 1e9);
                bytesPerLine += (double) (a1 - a0) / perRound / 5;
            }
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        System.out.printf("sendmail dialect: %d distinct lines (%.0f bytes avg) x %d per round; median %.0f lines/s "
                + "(min %.0f, max %.0f), by thread CPU time %.0f lines/s; %.0f bytes allocated per line; %d events%n",
                msgs.length, (double) total / msgs.length, repeats, rates[2], rates[0], rates[4], cpuRates[2],
                bytesPerLine, sink.events);
        assertThat(sink.events).isPositive();
    }

    /** Messages of {@code lines} back to back in one buffer, as a reader's buffer would hold them. */
    private record Batch(byte[] buffer, int[] starts, int[] ends, String[] programs) {

        static Batch of(List<String[]> lines) {
            byte[][] msgs = new byte[lines.size()][];
            int total = 0;
            for (int i = 0; i < msgs.length; i++) {
                msgs[i] = lines.get(i)[1].getBytes(StandardCharsets.UTF_8);
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
                programs[i] = lines.get(i)[0].intern();
            }
            return new Batch(buffer, starts, ends, programs);
        }

        /** Lines per second of thread CPU time for at least {@code lines} lines. */
        double rate(dev.mailtrace.spi.LogDialect dialect, Sink sink, long lines) {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Flyweight line = new Flyweight();
            line.bytes = buffer;
            long n = 0;
            long c0 = mx.getCurrentThreadCpuTime();
            while (n < lines) {
                for (int i = 0; i < starts.length; i++) {
                    line.start = starts[i];
                    line.end = ends[i];
                    line.program = programs[i];
                    dialect.parse(line, sink);
                }
                n += starts.length;
            }
            return n / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
        }
    }

    private static final java.util.regex.Pattern POSTFIX_LINE =
            java.util.regex.Pattern.compile("^[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2} \\S+ (postfix[^\\s\\[:]*)(?:\\[\\d+\\])?: (.*)$");

    /**
     * The target: at least as fast per line as the postfix dialect. Both dialects run in the same
     * JVM in interleaved rounds (sendmail on the lines above, postfix on the real postfix lines of
     * the corpora), measured by thread CPU time so that other load on the machine cancels out; the
     * median of the per-round ratios is reported.
     */
    @Test
    void perLineAgainstThePostfixDialect() throws IOException, URISyntaxException {
        List<String[]> postfix = new ArrayList<>();
        for (String f : List.of("corpora/postfix_log_analysis/mail.log", "corpora/log-ship-elastic-postfix/mail.log",
                "corpora/fail2ban/postfix")) {
            for (String raw : java.nio.file.Files.readAllLines(SharedData.require(f), StandardCharsets.UTF_8)) {
                java.util.regex.Matcher m = POSTFIX_LINE.matcher(raw);
                if (!raw.startsWith("#") && m.matches()) {
                    postfix.add(new String[] {m.group(1), m.group(2)});
                }
            }
        }
        Batch sm = Batch.of(lines());
        Batch pf = Batch.of(postfix);
        SendmailDialect sendmail = new SendmailDialect();
        dev.mailtrace.postfix.PostfixDialect pd = new dev.mailtrace.postfix.PostfixDialect();
        Sink sink = new Sink();
        int rounds = 41;
        double[] s = new double[rounds];
        double[] p = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = -10; r < rounds; r++) {
            double x = sm.rate(sendmail, sink, 300_000);
            double y = pf.rate(pd, sink, 300_000);
            if (r >= 0) {
                s[r] = x;
                p[r] = y;
                ratio[r] = x / y;
            }
        }
        Arrays.sort(s);
        Arrays.sort(p);
        Arrays.sort(ratio);
        System.out.printf("per line, by thread CPU time, interleaved: sendmail %.0f lines/s, postfix %.0f lines/s; "
                + "ratio median %.3f (quartiles %.3f, %.3f)%n", s[rounds / 2], p[rounds / 2], ratio[rounds / 2],
                ratio[rounds / 4], ratio[3 * rounds / 4]);
        assertThat(sink.events).isPositive();
    }

    @Test
    void framingAndDialectLinesPerSecond() throws IOException, URISyntaxException {
        List<String[]> lines = lines();
        byte[][] raws = new byte[lines.size()][];
        int total = 0;
        for (int i = 0; i < raws.length; i++) {
            raws[i] = lines.get(i)[2].getBytes(StandardCharsets.UTF_8);
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
        LogParser parser = LogParser.builder(DialectRegistry.builder().add(new SendmailDialect()).build()).year(2024)
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
        System.out.printf("LogParser framing + sendmail dialect: %d distinct lines x %d per round; median %.0f lines/s "
                + "(min %.0f, max %.0f); %.0f bytes allocated per line; %d of %d lines unknown%n", raws.length, repeats,
                rates[2], rates[0], rates[4], bytesPerLine, parser.stats().unknownLines(), parser.stats().lines());
        assertThat(listener.events).isPositive();
        assertThat(parser.stats().unknownLines()).isZero();
    }
}
