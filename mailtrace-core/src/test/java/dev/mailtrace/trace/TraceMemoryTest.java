package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.io.LogReader;

/**
 * Memory is bounded by the concurrency of the mail, not by the length of the log: 2.4 million
 * generated lines (about 270,000 messages, 1,000 in flight) through framing, parsers on two
 * threads, the aggregator and message assembly, with the heap measured after a full GC at
 * intervals. Not a timed test: it checks the heap stays flat.
 */
class TraceMemoryTest {

    private static final long LINES = 2_400_000;

    @Test
    void heapIsFlatOverMillionsOfLines() throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<long[]> samples = new ArrayList<>(); // {transactions, used heap}
        long[] records = new long[3];
        TraceAggregator[] agg = new TraceAggregator[1];
        agg[0] = TraceAggregator.builder().messages(true).listener(r -> {
            if (r instanceof Transaction) {
                if (++records[0] % 40_000 == 0) {
                    System.gc();
                    samples.add(new long[] {records[0], memory.getHeapMemoryUsage().getUsed(), agg[0].openTransactions()});
                }
            } else if (r instanceof MessageTrace) {
                records[1]++;
            }
        }).build();
        GeneratedLog log = new GeneratedLog(LINES, 1000);
        TracePipeline pipeline = TracePipeline.builder(TracePipelineTest.registry()).zone(TracePipelineTest.ZONE)
                .year(2026).threads(2).build();
        try (LogReader in = LogReader.builder().open("generated", log)) {
            assertThat(pipeline.run(in, agg[0]).lines()).isEqualTo(LINES);
        }
        agg[0].finish();
        TraceStats stats = agg[0].stats();
        assertThat(stats.transactions()).isEqualTo(2 * log.messagesStarted());
        assertThat(records[1]).isEqualTo(log.messagesStarted());
        assertThat(stats.peakOpenTransactions()).as("open transactions follow the concurrency").isLessThan(2_500);
        assertThat(samples).hasSizeGreaterThan(10);
        long early = samples.get(2)[1];
        long late = samples.stream().skip(3).mapToLong(s -> s[1]).max().orElseThrow();
        StringBuilder report = new StringBuilder("heap after GC by transactions emitted:");
        for (long[] s : samples) {
            report.append(String.format(" %dk=%.1fMB", s[0] / 1000, s[1] / 1e6));
        }
        System.out.println(report);
        assertThat(late - early).as(report.toString()).isLessThan(24L << 20);
    }
}
