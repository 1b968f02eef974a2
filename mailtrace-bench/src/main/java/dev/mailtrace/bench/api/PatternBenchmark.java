package dev.mailtrace.bench.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.PatternBank;

/**
 * A benchmark of a pattern set on a sample of lines, described by data, run in one of two modes.
 *
 * <pre>{@code
 * PatternBenchmark b = PatternBenchmark.builder()
 *         .bank(PatternBank.builtin())                          // grok: where %{NAME} resolves
 *         .patterns(List.of("%{SYSLOGBASE} %{GREEDYDATA:msg}", "^.*.*[0-9]{25}"))
 *         .lines(LineSample.read(List.of(Path.of("mail.log.gz")), Integer.MAX_VALUE))
 *         .engines(EnumSet.of(Engine.MAILTRACE, Engine.JDK))
 *         .build();                                             // InvalidPatternException: index, column
 * BenchmarkResult r = b.profile();                              // seconds: which pattern costs what
 * System.out.println(r.costliest().pattern() + " " + r.toJson());
 * }</pre>
 *
 * <ul>
 *   <li>{@link #profile()}: one instrumented pass over the whole sample (and more rounds while
 *       {@link Builder#time} lasts, for the noise):
 *       per pattern attempts, matches, timeouts, share of the time, mean and p99 ns per attempt; the
 *       slowest lines; engines timed plainly side by side; the profiler's own overhead.
 *   <li>{@link #measure(MeasureOptions)}: a JMH run (forks, warm-up, iterations, {@code -prof gc})
 *       per engine: lines/s and MB/s with JMH's error bounds and bytes allocated per line.
 * </ul>
 *
 * Both check every engine's matches and captures against mailtrace's on every line and report
 * disagreements; both run the static check for catastrophic backtracking and try to confirm each
 * warning with a generated line. Immutable; a run uses the calling thread (JMH forks JVMs).
 */
public final class PatternBenchmark {

    /** Default time per engine and for the profile. */
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(2);
    /** Default number of slowest lines reported. */
    public static final int DEFAULT_TOP = 10;

    /**
     * The passes over every line (the agreement check of each engine, the profile's first pass)
     * stop after this many times {@link Builder#time} (or a minute, if longer), so that a pattern
     * running out of budget on every line of a large sample cannot stall the run; the result says
     * how many lines they covered.
     */
    public static final int PASS_LIMIT_FACTOR = 30;

    final CompiledSet set;
    final LineSample lines;
    final Set<Engine> engines;
    final Duration time;
    final int top;
    final Consumer<String> progress;
    final Path esGrokJars;

    private PatternBenchmark(Builder b, CompiledSet set) {
        this.set = set;
        this.lines = b.lines;
        this.engines = EnumSet.copyOf(b.engines);
        this.engines.add(Engine.MAILTRACE);
        this.time = b.time;
        this.top = b.top;
        this.progress = b.progress;
        this.esGrokJars = b.esGrokJars;
    }

    /** A builder: grok syntax, built-in bank, first-match semantics, mailtrace only. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Profile mode: checks agreement, times each engine, profiles the patterns, checks them
     * statically. Takes about {@code time} per engine, plus the profile, plus confirmations.
     */
    public BenchmarkResult profile() {
        List<EngineResult> results = new ArrayList<>();
        long timeNanos = time.toNanos();
        long passLimit = Math.max(Duration.ofMinutes(1).toNanos(), PASS_LIMIT_FACTOR * timeNanos);
        Profiler profiler = new Profiler(set, lines);
        Timing plain = null;
        try (EngineSet es = EngineSet.open(this)) {
            for (Engine e : es.engines()) {
                LineEngine engine = es.engine(e);
                if (engine == null) {
                    results.add(EngineResult.failed(e.label(), lines.size(), es.failure(e)));
                    continue;
                }
                progress.accept("checking " + e.label() + (e == Engine.MAILTRACE ? "" : " against mailtrace"));
                Agreement a = Agreement.check(engine, e == Engine.MAILTRACE ? null : es.mailtraceReference(), lines,
                        System.nanoTime() + passLimit);
                progress.accept("timing " + e.label());
                Timing t = new Timing(engine, lines);
                t.warmUp(timeNanos / 3);
                if (e == Engine.MAILTRACE) {
                    // The profile's rounds alternate with plain ones, so that the overhead compares like with like.
                    progress.accept("profiling " + set.size() + " pattern(s)");
                    profiler.pass(passLimit);
                    for (int r = 0; r < Timing.ROUNDS; r++) {
                        t.round(timeNanos / Timing.ROUNDS);
                        profiler.round(timeNanos / Timing.ROUNDS);
                    }
                    plain = t;
                } else {
                    t.rounds(timeNanos);
                }
                results.add(new EngineResult(e.label(), es.version(e), lines.size(), a.checked, a.matched, a.timeouts,
                        t.medianLinesPerS(), t.medianMbPerS(), t.error(), null, a.disagreements == 0, a.compared,
                        a.disagreements, a.examples, null));
            }
        }
        profiler.finish();
        Double profileLinesPerS = profiler.medianLinesPerS();
        List<PatternProfile> patterns = profiles(profiler, warnings());
        return new BenchmarkResult("profile", label(set.syntax), label(set.semantics), set.matchTimeout.toMillis(),
                lines.size(), profiler.passLines, lines.totalBytes(), results, patterns, profiler.slowest(top), profileLinesPerS,
                plain == null || profileLinesPerS == null ? null : plain.medianLinesPerS() / profileLinesPerS,
                latency(profiler.perLine), Environment.current());
    }

    /**
     * Measure mode: a JMH run per engine; agreement and static checks as in {@link #profile()}.
     *
     * @throws IOException if the lines or the task cannot be written for the forked JVMs
     */
    public BenchmarkResult measure(MeasureOptions options) throws IOException {
        return new Measure(this, options).run();
    }

    /** Static warnings per pattern, each confirmed or not by a generated line. */
    List<List<PatternWarning>> warnings() {
        Duration budget = set.matchTimeout.isZero() || set.matchTimeout.compareTo(Duration.ofMillis(100)) > 0
                ? Duration.ofMillis(100) : set.matchTimeout;
        List<List<PatternWarning>> out = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            Provenance prov = set.provenance(i);
            List<PatternWarning> ws = new ArrayList<>();
            for (HazardCheck.Finding f : HazardCheck.check(prov.regex())) {
                progress.accept("confirming a warning on pattern #" + i);
                String[] where = prov.written(f.node().start(), f.node().end());
                String evidence = Adversary.confirm(CompiledSet.grokText(set.patterns.get(i), set.syntax), set, f,
                        lines, budget);
                ws.add(new PatternWarning(i, f.kind(), where[0], where[1], f.reason(), evidence != null,
                        evidence != null ? evidence
                                : "no generated line hit a " + budget.toMillis() + " ms budget"));
            }
            out.add(ws);
        }
        return out;
    }

    private List<PatternProfile> profiles(Profiler p, List<List<PatternWarning>> warnings) {
        long all = 0;
        for (long ns : p.totalNs) {
            all += ns;
        }
        List<PatternProfile> out = new ArrayList<>();
        for (int k = 0; k < set.size(); k++) {
            double mean = p.totalAttempts[k] == 0 ? 0 : (double) p.totalNs[k] / p.totalAttempts[k];
            out.add(new PatternProfile(k, set.patterns.get(k), p.attempts[k], p.matches[k], p.timeouts[k],
                    all == 0 ? 0 : (double) p.totalNs[k] / all, mean, p.error(k), p.perPattern[k].quantile(0.99),
                    warnings.get(k)));
        }
        return out;
    }

    private static List<long[]> latency(LatencyHistogram h) {
        long[] counts = h.perPowerOfTwo();
        List<long[]> out = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                out.add(new long[] {1L << k, counts[k]});
            }
        }
        return out;
    }

    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The pattern set as mailtrace compiled it: its whole {@link Grok}. */
    public Grok grok() {
        return set.whole;
    }

    /** Configures a {@link PatternBenchmark}; not thread-safe. */
    public static final class Builder {
        private PatternBank bank = PatternBank.builtin();
        private PatternSyntax syntax = PatternSyntax.GROK;
        private Semantics semantics = Semantics.FIRST_MATCH;
        private final List<String> patterns = new ArrayList<>();
        private LineSample lines;
        private Set<Engine> engines = EnumSet.of(Engine.MAILTRACE);
        private Duration matchTimeout = Grok.DEFAULT_MATCH_TIMEOUT;
        private Duration time = DEFAULT_TIME;
        private int top = DEFAULT_TOP;
        private Consumer<String> progress = s -> { };
        private Path esGrokJars;

        private Builder() {
        }

        /** The bank grok references resolve in; default the built-in patterns. */
        public Builder bank(PatternBank bank) {
            this.bank = Objects.requireNonNull(bank, "bank");
            return this;
        }

        /** Grok (default) or plain regexes. */
        public Builder syntax(PatternSyntax syntax) {
            this.syntax = Objects.requireNonNull(syntax, "syntax");
            return this;
        }

        /** First match wins (default, Logstash's) or every pattern on every line. */
        public Builder semantics(Semantics semantics) {
            this.semantics = Objects.requireNonNull(semantics, "semantics");
            return this;
        }

        /** Adds patterns, in order. */
        public Builder patterns(List<String> list) {
            list.forEach(p -> patterns.add(Objects.requireNonNull(p, "pattern")));
            return this;
        }

        /** The lines to run on. */
        public Builder lines(LineSample lines) {
            this.lines = Objects.requireNonNull(lines, "lines");
            return this;
        }

        /** The engines to compare; mailtrace is always one of them. */
        public Builder engines(Set<Engine> engines) {
            this.engines = EnumSet.copyOf(engines);
            return this;
        }

        /** Match budget per line and pattern (every engine); default 1 s, {@link Duration#ZERO} none. */
        public Builder matchTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("match timeout must not be negative: " + timeout);
            }
            this.matchTimeout = timeout;
            return this;
        }

        /**
         * Profile mode: measuring time per engine and for the profile (each engine also warms up
         * for a third of it). Measure mode: JMH's measurement time per engine, split over its
         * iterations. Default {@link PatternBenchmark#DEFAULT_TIME}.
         */
        public Builder time(Duration time) {
            if (time.isNegative() || time.isZero()) {
                throw new IllegalArgumentException("time must be positive: " + time);
            }
            this.time = time;
            return this;
        }

        /** How many slowest lines to report; default {@value PatternBenchmark#DEFAULT_TOP}. */
        public Builder top(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("top must not be negative: " + k);
            }
            this.top = k;
            return this;
        }

        /** Receives a short message at each step (for a progress display). */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The directory of Elasticsearch's grok jars; default {@link EsGrokJars#defaults}. */
        public Builder esGrokJars(Path dir) {
            this.esGrokJars = dir;
            return this;
        }

        /**
         * Compiles the patterns.
         *
         * @throws InvalidPatternException naming the pattern, its index and column
         * @throws IllegalStateException if no pattern or no lines were given
         */
        public PatternBenchmark build() throws InvalidPatternException {
            if (patterns.isEmpty()) {
                throw new IllegalStateException("no pattern given");
            }
            if (lines == null) {
                throw new IllegalStateException("no lines given");
            }
            return new PatternBenchmark(this, CompiledSet.compile(patterns, syntax, semantics, bank, matchTimeout));
        }
    }
}
