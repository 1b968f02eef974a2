package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import org.junit.jupiter.api.Test;

import dev.mailtrace.io.LogReader;
import dev.mailtrace.parse.ParseStats;
import dev.mailtrace.sink.NdjsonSink;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.sink.SinkException;
import dev.mailtrace.spi.DialectRegistry;

/** Lines to records through framing, parsers and aggregator: 1 and N threads give identical output. */
class TracePipelineTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    static DialectRegistry registry() {
        return DialectRegistry.builder().add(new MiniDialect()).build();
    }

    /** {@code n} messages on two hosts, a few in flight at once, one every 7 seconds, from {@code start} on. */
    static String log(LocalDateTime start, int n) {
        StringBuilder sb = new StringBuilder();
        LocalDateTime t = start;
        for (int i = 0; i < n; i++) {
            String q = String.format("%08X", i);
            String ts = SYSLOG.format(t);
            sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": accepted c").append(i).append("[192.0.2.1]\n");
            sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": msgid=m").append(i).append("@x\n");
            sb.append(ts).append(" mx1 sshd[3]: noise ").append(i).append('\n');
            sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": from=s").append(i).append("@x size=").append(i).append('\n');
            LocalDateTime t2 = t.plusSeconds(3);
            String ts2 = SYSLOG.format(t2);
            sb.append(ts2).append(" mbox1 mini[2]: D").append(q).append(": accepted mx1[10.1.0.10]\n");
            sb.append(ts2).append(" mx1 mini[1]: ").append(q).append(": to=r").append(i)
                    .append("@y relay=mbox1[10.1.0.20]:25 status=sent queued_as=D").append(q).append('\n');
            sb.append(ts2).append(" mx1 mini[1]: ").append(q).append(": removed\n");
            sb.append(ts2).append(" mbox1 mini[2]: D").append(q).append(": to=r").append(i).append("@y relay=local status=sent\n");
            sb.append(ts2).append(" mbox1 mini[2]: D").append(q).append(": removed\n");
            t = t.plusSeconds(7);
        }
        return sb.toString();
    }

    static String trace(String log, int threads, int chunkLines, boolean messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Sink sink = NdjsonSink.builder(out).zone(ZONE).build()) {
            TraceAggregator agg = TraceAggregator.builder().messages(messages).listener(sink::accept).build();
            TracePipeline p = TracePipeline.builder(registry()).zone(ZONE).year(2025).threads(threads).chunkLines(chunkLines).build();
            try (LogReader in = LogReader.builder().open("-", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))) {
                ParseStats stats = p.run(in, agg);
                assertThat(stats.lines()).isEqualTo(log.lines().count());
            }
            agg.finish();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyThreadCountGivesTheSameRecordsAcrossNewYear() throws IOException {
        // 2000 messages, one every 7 s, from Dec 31 22:00 on: the turn of the year falls inside the log, across many chunks
        String log = log(LocalDateTime.of(2025, 12, 31, 22, 0), 2000);
        String one = trace(log, 1, 4096, true);
        assertThat(one.lines().filter(l -> l.startsWith("{\"type\":\"transaction\""))).hasSize(4000);
        assertThat(one.lines().filter(l -> l.startsWith("{\"type\":\"message\""))).hasSize(2000);
        assertThat(one).contains("\"start\":\"2025-12-31T23:59:").contains("\"start\":\"2026-01-01T00:00:");
        assertThat(one).doesNotContain("\"start\":\"2025-01-01").doesNotContain("\"complete\":false");
        for (int threads : new int[] {2, 3, 4}) {
            for (int chunk : new int[] {1, 97, 4096}) {
                assertThat(trace(log, threads, chunk, true)).as(threads + " threads, chunks of " + chunk).isEqualTo(one);
            }
        }
    }

    /** The records of {@code inputs} (merged by time), sorted, so that outputs can be compared whatever their order. */
    static List<String> traceMerged(List<String> inputs, int threads, int chunkLines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Sink sink = NdjsonSink.builder(out).zone(ZONE).build()) {
            TraceAggregator agg = TraceAggregator.builder().messages(true).listener(sink::accept).build();
            TracePipeline p = TracePipeline.builder(registry()).zone(ZONE).year(2025).threads(threads).chunkLines(chunkLines).build();
            List<LogReader> readers = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                readers.add(LogReader.builder().open("in" + i, new ByteArrayInputStream(inputs.get(i).getBytes(StandardCharsets.UTF_8))));
            }
            p.run(readers, agg);
            agg.finish();
        }
        return out.toString(StandardCharsets.UTF_8).lines().sorted().toList();
    }

    @Test
    void perHostLogsMergedByTimeGiveTheSameRecordsAsOneCentralLog() throws IOException {
        String log = log(LocalDateTime.of(2025, 12, 31, 22, 0), 1500);
        StringBuilder mx1 = new StringBuilder();
        StringBuilder mbox1 = new StringBuilder();
        log.lines().forEach(l -> (l.contains(" mbox1 ") ? mbox1 : mx1).append(l).append('\n'));
        List<String> central = traceMerged(List.of(log), 1, 4096);
        assertThat(central.stream().filter(l -> l.startsWith("{\"type\":\"message\"")))
                .hasSize(1500).allMatch(l -> l.contains("\"via\":\"relay\""));
        for (int threads : new int[] {1, 2, 3}) {
            for (int chunk : new int[] {1, 100, 4096}) {
                assertThat(traceMerged(List.of(mbox1.toString(), mx1.toString()), threads, chunk))
                        .as(threads + " threads, chunks of " + chunk).isEqualTo(central);
            }
        }
    }

    @Test
    void theSameLogTwiceGivesEverythingTwiceWithoutHoldingTheFirstPass() throws IOException {
        String log = log(LocalDateTime.of(2026, 3, 1, 10, 0), 3000);
        List<TraceRecord> out = new ArrayList<>();
        TraceAggregator agg = TraceAggregator.builder().messages(true).listener(out::add).build();
        TracePipeline p = TracePipeline.builder(registry()).zone(ZONE).year(2026).threads(3).chunkLines(500).build();
        try (LogReader in = LogReader.builder().open("-", new ByteArrayInputStream((log + log).getBytes(StandardCharsets.UTF_8)))) {
            p.run(in, agg);
        }
        int beforeFinish = out.size();
        agg.finish();
        assertThat(out.stream().filter(r -> r instanceof Transaction)).hasSize(12_000)
                .allMatch(r -> ((Transaction) r).complete());
        assertThat(out.stream().filter(r -> r instanceof MessageTrace)).hasSize(6000)
                .allMatch(r -> ((MessageTrace) r).hops().size() == 2 && ((MessageTrace) r).complete());
        assertThat(beforeFinish).as("emitted while reading, not held until the end").isGreaterThan(17_000);
        assertThat(agg.stats().clockResets()).isEqualTo(2);
    }

    @Test
    void aSinkFailureStopsTheRunAndIsReported() {
        String log = log(LocalDateTime.of(2026, 3, 1, 10, 0), 5000);
        for (int threads : new int[] {1, 2, 3}) {
            TraceAggregator agg = TraceAggregator.builder().listener(r -> {
                throw new SinkException("test", "disk full", null);
            }).limits(TraceLimits.builder().reorderWindow(java.time.Duration.ZERO).build()).build();
            TracePipeline p = TracePipeline.builder(registry()).zone(ZONE).year(2026).threads(threads).chunkLines(10).build();
            assertThatThrownBy(() -> {
                try (LogReader in = LogReader.builder().open("-", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))) {
                    p.run(in, agg);
                }
            }).isInstanceOf(SinkException.class).hasMessage("sink [test]: disk full");
        }
    }

    @Test
    void aReadErrorIsReportedAfterTheLinesBeforeIt() {
        byte[] good = log(LocalDateTime.of(2026, 3, 1, 10, 0), 100).getBytes(StandardCharsets.UTF_8);
        for (int threads : new int[] {1, 2, 3}) {
            InputStream failing = new InputStream() {
                int pos;

                @Override
                public int read() throws IOException {
                    if (pos < good.length) {
                        return good[pos++];
                    }
                    throw new IOException("disk error");
                }
            };
            List<TraceRecord> out = new ArrayList<>();
            TraceAggregator agg = TraceAggregator.builder().listener(out::add).build();
            TracePipeline p = TracePipeline.builder(registry()).zone(ZONE).year(2026).threads(threads).chunkLines(50).build();
            assertThatThrownBy(() -> {
                try (LogReader in = LogReader.builder().open("-", failing)) {
                    p.run(in, agg);
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("disk error");
            agg.finish();
            assertThat(out).as(threads + " threads").hasSize(200);
        }
    }

    @Test
    void yearsFollowTheFilesReference() throws IOException {
        String log = log(LocalDateTime.of(2025, 12, 31, 23, 59, 0), 30);
        String one = trace(log, 1, 4096, false);
        String two = trace(log, 2, 5, false);
        assertThat(two).isEqualTo(one);
        Instant last = Instant.parse("2026-01-01T00:02:00+01:00");
        assertThat(one).contains("\"end\":\"2026-01-01T00:02");
        assertThat(last).isNotNull();
    }
}
