package dev.mailtrace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jcodings.specific.UTF8Encoding;
import org.joni.Matcher;
import org.joni.Option;
import org.joni.Regex;
import org.joni.Syntax;
import org.joni.WarnCallback;
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

import dev.mailtrace.grok.CaptureConsumer;
import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.MatchOutcome;
import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;

/**
 * Lines per second through postfix-grok-patterns as Logstash users run them, Elasticsearch's grok
 * against mailtrace's: the syslog header grok ({@link GrokPatternSets#HEADERS}), then the message
 * grokked with the pattern {@code 50-filter-postfix.conf} dispatches the program to. Both engines
 * get the same definitions (legacy logstash-patterns-core plus postfix.grok, read once by our
 * loader) and the same {@value #LINES} lines of {@link BenchmarkCorpus}; both have a 1 s match
 * budget (Elasticsearch ingest's watchdog defaults, our default); both map a program to its branch
 * through a {@link ProgramRouter}, so that the dispatch costs the same and the score is about grok.
 *
 * <ul>
 *   <li>{@code baseline}: finds each line's end in the buffer, the floor of any line reader.
 *   <li>{@code elasticsearch}: {@code Grok.captures(String)} per line and per dispatched message,
 *       what the ingest grok processor calls: the header's two patterns joined into one regex, as
 *       the processor joins them, and a typed {@code Map} per match.
 *   <li>{@code mailtrace}: {@code GrokMatcher.match(byte[], off, len)} on the shared buffer, the
 *       program and message read as offsets of the header match, every capture consumed as a span
 *       (nothing decoded).
 *   <li>{@code mailtraceToMap}: ours with every match materialised by {@code toMap()}, the same
 *       typed maps Elasticsearch builds, for transparency.
 *   <li>{@code joniFloor}: no grok at all — joni searching, on each line, exactly the regexes
 *       Elasticsearch's grok runs (its combined header, then the dispatched pattern on the message
 *       span, spans and branch found beforehand), nothing extracted. What any grok that hands
 *       these regexes to joni must at least spend; Elasticsearch's score over this one is the
 *       most such an engine can gain on it by removing everything but the regex work.
 * </ul>
 *
 * <p>One operation is one line ({@link OperationsPerInvocation}), so scores are lines/s. Run from
 * the checkout (it reads {@code ../shared} and {@code mailtrace-bench/target/es-grok}):
 *
 * <pre>
 * mvn -B -q -pl mailtrace-bench -am package -DskipTests
 * java -jar mailtrace-bench/target/benchmarks.jar PostfixGrokBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s -prof gc
 * java -cp mailtrace-bench/target/benchmarks.jar dev.mailtrace.bench.GrokComparison -f 1 -wi 3 -i 5 -w 2s -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(PostfixGrokBenchmark.LINES)
@State(Scope.Thread)
public class PostfixGrokBenchmark {

    /** Lines per invocation: the first {@value} of the corpus. */
    public static final int LINES = BenchmarkCorpus.DEFAULT_MIN_LINES;

    private byte[] bytes;
    private int[] starts;
    private String[] lines;

    private EsPostfixPipeline elasticsearch;

    private GrokMatcher header;
    private GrokMatcher[] branches;
    private ProgramRouter router;
    private ProgramRouter toMapRouter;

    private Regex esHeaderRegex;
    private Regex[] esBranchRegexes;
    private int[] lineBranch;
    private int[] messageStart;
    private int[] messageEnd;

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
        header = Grok.builder(bank).patterns(GrokPatternSets.HEADERS).build().matcher();
        branches = new GrokMatcher[dispatch.routes().size()];
        for (PostfixGrokDispatch.Route r : dispatch.routes()) {
            if (r.hasGrok()) {
                branches[r.index()] = Grok.compile(bank, r.grokPattern()).matcher();
            }
        }
        router = new ProgramRouter(dispatch);
        toMapRouter = new ProgramRouter(dispatch);
        setUpJoniFloor(bank, dispatch);
    }

    private void setUpJoniFloor(PatternBank bank, PostfixGrokDispatch dispatch) throws PatternCompileException {
        esHeaderRegex = joniRegex(Grok.compile(bank, GrokPatternSets.esIngestCombined(GrokPatternSets.HEADERS))
                .expandedRegex(0));
        esBranchRegexes = new Regex[branches.length];
        for (PostfixGrokDispatch.Route r : dispatch.routes()) {
            if (r.hasGrok()) {
                esBranchRegexes[r.index()] = joniRegex(branches[r.index()].grok().expandedRegex(0));
            }
        }
        lineBranch = new int[LINES];
        messageStart = new int[LINES];
        messageEnd = new int[LINES];
        for (int i = 0; i < LINES; i++) {
            lineBranch[i] = -1;
            if (header.match(bytes, starts[i], starts[i + 1] - 1 - starts[i]) == MatchOutcome.MATCHED) {
                lineBranch[i] = router.route(bytes, header.start("program"), header.end("program"));
                messageStart[i] = header.start("message");
                messageEnd[i] = header.end("message");
            }
        }
    }

    /** Compiled as both groks compile (UTF-8, Ruby syntax, default options). */
    private static Regex joniRegex(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Regex(b, 0, b.length, Option.DEFAULT, UTF8Encoding.INSTANCE, Syntax.RUBY, WarnCallback.NONE);
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
    public void elasticsearch(Blackhole bh) {
        elasticsearch.run(lines, LINES, bh);
    }

    @Benchmark
    public void mailtrace(Blackhole bh) {
        CaptureConsumer spans = (field, b, start, end) -> {
            bh.consume(start);
            bh.consume(end);
        };
        byte[] b = bytes;
        GrokMatcher h = header;
        for (int i = 0; i < LINES; i++) {
            int off = starts[i];
            if (h.match(b, off, starts[i + 1] - 1 - off) != MatchOutcome.MATCHED) {
                bh.consume(i);
                continue;
            }
            h.forEachCapture(spans);
            int branch = router.route(b, h.start("program"), h.end("program"));
            if (branch >= 0 && branches[branch] != null) {
                GrokMatcher m = branches[branch];
                int from = h.start("message");
                if (m.match(b, from, h.end("message") - from) == MatchOutcome.MATCHED) {
                    m.forEachCapture(spans);
                } else {
                    bh.consume(m.outcome());
                }
            }
        }
    }

    @Benchmark
    public void mailtraceToMap(Blackhole bh) {
        byte[] b = bytes;
        GrokMatcher h = header;
        for (int i = 0; i < LINES; i++) {
            int off = starts[i];
            if (h.match(b, off, starts[i + 1] - 1 - off) != MatchOutcome.MATCHED) {
                bh.consume(i);
                continue;
            }
            Map<String, Object> fields = h.toMap();
            bh.consume(fields);
            int branch = toMapRouter.route((String) fields.get("program"));
            if (branch >= 0 && branches[branch] != null) {
                GrokMatcher m = branches[branch];
                int from = h.start("message");
                m.match(b, from, h.end("message") - from);
                bh.consume(m.toMap());
            }
        }
    }

    @Benchmark
    public void joniFloor(Blackhole bh) {
        byte[] b = bytes;
        for (int i = 0; i < LINES; i++) {
            int off = starts[i];
            int end = starts[i + 1] - 1;
            Matcher m = esHeaderRegex.matcher(b, off, end);
            bh.consume(m.search(off, end, Option.DEFAULT));
            int branch = lineBranch[i];
            if (branch >= 0 && esBranchRegexes[branch] != null) {
                Matcher n = esBranchRegexes[branch].matcher(b, messageStart[i], messageEnd[i]);
                bh.consume(n.search(messageStart[i], messageEnd[i], Option.DEFAULT));
            }
        }
    }
}
