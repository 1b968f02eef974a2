package dev.mailtrace.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.mailtrace.io.LogReader;
import dev.mailtrace.sink.AsyncSink;
import dev.mailtrace.sink.NdjsonSink;
import dev.mailtrace.sink.Sink;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.trace.TraceAggregator;
import dev.mailtrace.trace.TracePipeline;

/**
 * Lines per second end to end, what {@code mailtrace trace --format json FILE > /dev/null} does: a
 * postfix log file of {@value #LINES} lines ({@link PostfixTraffic}: two edge MX hosts relaying to a
 * mailbox host, rejects, deferrals, bounces; written to a temporary file once per trial) read from
 * disk (the page cache, after the first invocation), framed, parsed, aggregated into transactions
 * with their links, and written as NDJSON to a stream that discards the bytes. {@code threads}:
 * parsing threads of {@link TracePipeline}; {@code asyncWriter}: the NDJSON sink on a thread of its
 * own ({@link AsyncSink}, what the command does). One operation is one line. Run from the checkout:
 *
 * <pre>
 * mvn -B -q -pl mailtrace-bench -am package -DskipTests
 * java -cp mailtrace-bench/target/benchmarks.jar org.openjdk.jmh.Main TraceBenchmark -f 1 -wi 3 -i 7 -w 3s -r 3s
 * </pre>
 *
 * <p>The command itself (JIT warm-up, start-up and all) is timed on a log written by
 * {@link PostfixTraffic#main}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 7, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(TraceBenchmark.LINES)
@State(Scope.Thread)
public class TraceBenchmark {

    /** Lines per invocation. */
    public static final int LINES = 1_000_000;

    @Param({"1", "2"})
    public int threads;

    @Param({"false", "true"})
    public boolean asyncWriter;

    private Path log;
    private TracePipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        log = Files.createTempFile("mailtrace-trace-bench", ".log");
        PostfixTraffic.write(log, LINES, PostfixTraffic.DEFAULT_SEED);
        pipeline = TracePipeline.builder(DialectRegistry.load()).zone(ZoneId.of("UTC")).year(2026).threads(threads).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(log);
    }

    @Benchmark
    public void trace(Blackhole bh) throws IOException {
        Discard out = new Discard();
        Sink ndjson = NdjsonSink.builder(out).zone(ZoneId.of("UTC")).build();
        Sink sink = asyncWriter ? AsyncSink.wrap(ndjson, 16, "bench-write") : ndjson;
        TraceAggregator agg = TraceAggregator.builder().listener(sink::accept).build();
        try (LogReader in = LogReader.builder().open(List.of(log))) {
            pipeline.run(in, agg);
        }
        agg.finish();
        sink.close();
        bh.consume(out.bytes);
        bh.consume(agg.stats().transactions());
    }

    /** Counts the bytes written and keeps none. */
    private static final class Discard extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
