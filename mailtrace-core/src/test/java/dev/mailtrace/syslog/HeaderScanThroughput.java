package dev.mailtrace.syslog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.mailtrace.io.LogReader;

/**
 * A sanity figure, not a benchmark (those are JMH, in mailtrace-bench): header scans per second
 * over the real postfix log repeated in memory, median of 11 rounds. Runs only with
 * {@code -Dmailtrace.perf=true}:
 * {@code mvn -pl mailtrace-core test -Dtest=HeaderScanThroughput -Dmailtrace.perf=true}.
 */
class HeaderScanThroughput {

    @Test
    void linesPerSecond() throws Exception {
        assumeTrue(Boolean.getBoolean("mailtrace.perf"), "set -Dmailtrace.perf=true to measure");
        byte[] file = Files.readAllBytes(SharedCorpora.require("corpora/postfix_log_analysis/mail.log"));
        int copies = 40;
        byte[] buf = new byte[file.length * copies];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(file, 0, buf, i * file.length, file.length);
        }
        int[] starts = new int[buf.length / 20];
        int[] lengths = new int[starts.length];
        int n = 0;
        for (int s = 0, i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                starts[n] = s;
                lengths[n++] = i - s;
                s = i + 1;
            }
        }
        SyslogScanner scanner = SyslogScanner.builder().zone(ZoneId.of("America/New_York")).build();
        SyslogHeader h = new SyslogHeader();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rates = new double[11];
        long sink = 0;
        long allocated = 0;
        for (int round = -5; round < rates.length; round++) {
            scanner.startSource(Instant.parse("2013-12-31T00:00:00Z"));
            long a0 = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                scanner.scan(buf, starts[i], lengths[i], h);
                sink += h.epochSecond() + h.programEnd() + h.pid();
            }
            long t1 = System.nanoTime();
            allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0;
            if (round >= 0) {
                rates[round] = n / ((t1 - t0) / 1e9);
            }
        }
        Arrays.sort(rates);
        double[] readRates = new double[11];
        for (int round = -5; round < readRates.length; round++) {
            scanner.startSource(Instant.parse("2013-12-31T00:00:00Z"));
            long t0 = System.nanoTime();
            int lines = 0;
            try (LogReader r = LogReader.builder().open("mem", new ByteArrayInputStream(buf))) {
                while (r.next()) {
                    scanner.scan(r.buffer(), r.start(), r.length(), h);
                    sink += h.epochSecond() + (r.invalidUtf8() ? 1 : 0);
                    lines++;
                }
            }
            long t1 = System.nanoTime();
            if (round >= 0) {
                readRates[round] = lines / ((t1 - t0) / 1e9);
            }
        }
        Arrays.sort(readRates);
        System.out.printf("LogReader (lines, UTF-8 check) + header scan: median %.1f M lines/s (min %.1f, max %.1f)%n",
                readRates[5] / 1e6, readRates[0] / 1e6, readRates[10] / 1e6);
        System.out.printf("header scan: %d lines (%d MB) per round, median %.1f M lines/s (min %.1f, max %.1f), "
                        + "%.1f MB/s, %d bytes allocated in the last round (sink %d)%n",
                n, buf.length >> 20, rates[5] / 1e6, rates[0] / 1e6, rates[10] / 1e6,
                rates[5] * (buf.length / (double) n) / 1e6, allocated, sink);
    }
}
