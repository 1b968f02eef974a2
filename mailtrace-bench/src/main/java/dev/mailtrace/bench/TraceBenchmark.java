package dev.mailtrace.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Random;
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
 * Lines per second end to end, what {@code mailtrace trace --format json} does: a postfix log of two
 * hosts ({@value #MESSAGES} messages of 12 lines: smtpd, cleanup, qmgr, the relay to the mailbox
 * host, its LMTP delivery, removals; queue ids, clients and addresses varied) read from memory,
 * framed, parsed, aggregated into transactions with their links, and written as NDJSON to a stream
 * that discards the bytes. {@code threads}: parsing threads of {@link TracePipeline};
 * {@code asyncWriter}: the NDJSON sink on a thread of its own ({@link AsyncSink}). One operation is
 * one line. Run from the checkout:
 *
 * <pre>
 * mvn -B -q -pl mailtrace-bench -am package -DskipTests
 * java -cp mailtrace-bench/target/benchmarks.jar org.openjdk.jmh.Main TraceBenchmark -f 1 -wi 3 -i 7 -w 3s -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 7, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(TraceBenchmark.LINES)
@State(Scope.Thread)
public class TraceBenchmark {

    static final int MESSAGES = 25_000;
    /** Lines per invocation. */
    public static final int LINES = MESSAGES * 12;

    @Param({"1", "2"})
    public int threads;

    @Param({"false", "true"})
    public boolean asyncWriter;

    private byte[] log;
    private TracePipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
        log = log(new Random(0x7472616365L));
        pipeline = TracePipeline.builder(DialectRegistry.load()).zone(ZoneId.of("UTC")).year(2026).threads(threads).build();
    }

    @Benchmark
    public void trace(Blackhole bh) throws IOException {
        Discard out = new Discard();
        Sink ndjson = NdjsonSink.builder(out).zone(ZoneId.of("UTC")).build();
        Sink sink = asyncWriter ? AsyncSink.wrap(ndjson, 16, "bench-write") : ndjson;
        TraceAggregator agg = TraceAggregator.builder().listener(sink::accept).build();
        try (LogReader in = LogReader.builder().open("bench", new ByteArrayInputStream(log))) {
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

    private static byte[] log(Random rnd) {
        StringBuilder sb = new StringBuilder(LINES * 150);
        int t = 0;
        for (int i = 0; i < MESSAGES; i++) {
            t += rnd.nextInt(4) == 0 ? 1 : 0;
            String ts = String.format("Nov 24 %02d:%02d:%02d", t / 3600 % 24, t / 60 % 60, t % 60);
            String q = String.format("%011X", 0x10000000000L + rnd.nextInt(Integer.MAX_VALUE));
            String d = String.format("%011X", 0x20000000000L + rnd.nextInt(Integer.MAX_VALUE));
            String client = "mail" + rnd.nextInt(1000) + ".example.org[198.51." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)) + "]";
            String from = "user" + rnd.nextInt(5000) + "@example.org";
            String to = "rcpt" + rnd.nextInt(3000) + "@corp.example.net";
            String msgid = i + "." + q + "@example.org";
            int pid = 2000 + rnd.nextInt(100);
            int size = 1000 + rnd.nextInt(90000);
            sb.append(ts).append(" mx1 postfix/smtpd[").append(pid).append("]: connect from ").append(client).append('\n');
            sb.append(ts).append(" mx1 postfix/smtpd[").append(pid).append("]: ").append(q).append(": client=").append(client).append('\n');
            sb.append(ts).append(" mx1 postfix/cleanup[").append(pid + 1).append("]: ").append(q).append(": message-id=<").append(msgid).append(">\n");
            sb.append(ts).append(" mx1 postfix/qmgr[1020]: ").append(q).append(": from=<").append(from).append(">, size=").append(size)
                    .append(", nrcpt=1 (queue active)\n");
            sb.append(ts).append(" mx1 postfix/smtpd[").append(pid).append("]: disconnect from ").append(client)
                    .append(" ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7\n");
            sb.append(ts).append(" mbox1 postfix/smtpd[").append(pid + 5).append("]: ").append(d).append(": client=mx1.corp.example.net[10.1.0.10]\n");
            sb.append(ts).append(" mbox1 postfix/cleanup[").append(pid + 6).append("]: ").append(d).append(": message-id=<").append(msgid).append(">\n");
            sb.append(ts).append(" mbox1 postfix/qmgr[880]: ").append(d).append(": from=<").append(from).append(">, size=").append(size + 200)
                    .append(", nrcpt=1 (queue active)\n");
            sb.append(ts).append(" mx1 postfix/smtp[").append(pid + 2).append("]: ").append(q).append(": to=<").append(to)
                    .append(">, relay=mbox1.corp.example.net[10.1.0.20]:25, delay=0.41, delays=0.01/0.01/0.12/0.27, dsn=2.0.0,"
                            + " status=sent (250 2.0.0 Ok: queued as ").append(d).append(")\n");
            sb.append(ts).append(" mx1 postfix/qmgr[1020]: ").append(q).append(": removed\n");
            sb.append(ts).append(" mbox1 postfix/lmtp[").append(pid + 7).append("]: ").append(d).append(": to=<").append(to)
                    .append(">, relay=mbox1.corp.example.net[private/dovecot-lmtp], delay=0.09, delays=0.02/0.01/0.02/0.04,"
                            + " dsn=2.0.0, status=sent (250 2.0.0 <").append(to).append("> kJ4xBzQ0Q2feDAAAYr8sdw Saved)\n");
            sb.append(ts).append(" mbox1 postfix/qmgr[880]: ").append(d).append(": removed\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
