package dev.mailtrace.bench;

import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.mailtrace.parse.EventListener;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.syslog.SyslogHeader;
import dev.mailtrace.syslog.SyslogScanner;

/**
 * Lines per second from raw log lines of one dialect's programs to typed events, as
 * {@link PostfixParseBenchmark} measures postfix: {@code baseline} finds the line ends,
 * {@code framing} scans the syslog headers, {@code mailtrace} runs {@code LogParser.parseLine}
 * (framing, program dispatch, the dialect) with every dialect of the class path. One operation is
 * one line: scores are lines/s, {@code gc.alloc.rate.norm} bytes per line. Subclasses give the log.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(DialectParseBenchmark.LINES)
@State(Scope.Thread)
public abstract class DialectParseBenchmark {

    /** Lines per invocation. */
    public static final int LINES = 200_000;

    private byte[] bytes;
    private int[] starts;
    private SyslogScanner scanner;
    private final SyslogHeader header = new SyslogHeader();
    private LogParser parser;

    /** The log to parse, {@link #LINES} lines. */
    abstract DialectLog log(SharedData shared);

    /** A program the dialect claims, to check it is on the class path. */
    abstract String program();

    @Setup(Level.Trial)
    public void setUp() {
        DialectLog log = log(SharedData.require());
        bytes = log.bytes();
        starts = log.starts();
        scanner = SyslogScanner.builder().zone(ZoneId.of("UTC")).year(2026).build();
        DialectRegistry registry = DialectRegistry.load();
        if (registry.dialectFor(program()) == null) {
            throw new IllegalStateException("no dialect for [" + program() + "] on the class path: " + registry);
        }
        parser = LogParser.builder(registry).zone(ZoneId.of("UTC")).year(2026).build();
        parser.startSource("generated", null);
        mailtrace(new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        long unknown = parser.stats().unknownLines();
        if (unknown > LINES / 100) {
            throw new IllegalStateException(unknown + " of " + LINES + " lines not recognised: " + parser.stats());
        }
    }

    @Benchmark
    public void baseline(Blackhole bh) {
        EsPostfixPipeline.findLineEnds(bytes, LINES, bh);
    }

    @Benchmark
    public void framing(Blackhole bh) {
        for (int i = 0; i < LINES; i++) {
            int off = starts[i];
            bh.consume(scanner.scan(bytes, off, starts[i + 1] - 1 - off, header));
            bh.consume(header.epochSecond());
            bh.consume(header.programEnd());
        }
    }

    @Benchmark
    public void mailtrace(Blackhole bh) {
        EventListener consume = (line, event) -> {
            bh.consume(event);
            bh.consume(line.hasTimestamp());
        };
        for (int i = 0; i < LINES; i++) {
            int off = starts[i];
            parser.parseLine(bytes, off, starts[i + 1] - 1 - off, consume);
        }
    }
}
