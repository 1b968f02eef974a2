package dev.mailtrace.bench;

import java.io.IOException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;
import dev.mailtrace.parse.EventListener;
import dev.mailtrace.parse.LogParser;
import dev.mailtrace.spi.DialectRegistry;
import dev.mailtrace.syslog.SyslogHeader;
import dev.mailtrace.syslog.SyslogScanner;

/**
 * Lines per second from raw postfix log lines to typed events: what Logstash users run
 * (Elasticsearch's grok: the syslog header grok, then the postfix-grok-patterns pattern the program
 * dispatches to, a {@code Map} per match) against mailtrace's framing and postfix dialect
 * ({@link LogParser}: hand-written byte scanners, one typed event record per line), on the same
 * {@value #LINES} lines of {@link BenchmarkCorpus}.
 *
 * <ul>
 *   <li>{@code baseline}: finds each line's end, the floor of any line reader.
 *   <li>{@code framing}: mailtrace's syslog header scan alone (timestamp, host, program, pid).
 *   <li>{@code elasticsearch}: as in {@link PostfixGrokBenchmark}.
 *   <li>{@code mailtrace}: {@code LogParser.parseLine} per line with every dialect found on the
 *       class path; each event consumed.
 * </ul>
 *
 * <p>One operation is one line, so scores are lines/s and {@code gc.alloc.rate.norm} is bytes per
 * line. Run from the checkout:
 *
 * <pre>
 * mvn -B -q -pl mailtrace-bench -am package -DskipTests
 * java -cp mailtrace-bench/target/benchmarks.jar dev.mailtrace.bench.GrokComparison PostfixParseBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(PostfixParseBenchmark.LINES)
@State(Scope.Thread)
public class PostfixParseBenchmark {

    /** Lines per invocation. */
    public static final int LINES = BenchmarkCorpus.DEFAULT_MIN_LINES;

    private byte[] bytes;
    private int[] starts;
    private String[] lines;

    private EsPostfixPipeline elasticsearch;

    private SyslogScanner scanner;
    private final SyslogHeader header = new SyslogHeader();
    private LogParser parser;

    @Setup(Level.Trial)
    public void setUp() throws IOException, PatternCompileException {
        SharedData shared = SharedData.require();
        BenchmarkCorpus corpus = BenchmarkCorpus.fromShared(shared);
        bytes = corpus.bytes();
        starts = corpus.lineStarts();
        lines = corpus.lines();
        PatternBank bank = GrokPatternSets.legacyWithPostfix(shared);
        PostfixGrokDispatch dispatch = PostfixGrokDispatch.parse(shared.postfixFilterConf());
        elasticsearch = EsPostfixPipeline.load(bank, dispatch);
        scanner = SyslogScanner.builder().zone(ZoneId.of("UTC")).year(2026).build();
        DialectRegistry registry = DialectRegistry.load();
        if (registry.dialectFor("postfix/smtpd") == null) {
            throw new IllegalStateException("no postfix dialect on the class path: " + registry);
        }
        parser = LogParser.builder(registry).zone(ZoneId.of("UTC")).year(2026).build();
        parser.startSource("corpus", null);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        elasticsearch.close();
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
    public void elasticsearch(Blackhole bh) {
        elasticsearch.run(lines, LINES, bh);
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
