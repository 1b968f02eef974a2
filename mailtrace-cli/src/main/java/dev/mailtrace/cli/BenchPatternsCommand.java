package dev.mailtrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.mailtrace.bench.api.Baseline;
import dev.mailtrace.bench.api.BenchmarkResult;
import dev.mailtrace.bench.api.Engine;
import dev.mailtrace.bench.api.HtmlReport;
import dev.mailtrace.bench.api.InvalidPatternException;
import dev.mailtrace.bench.api.LineSample;
import dev.mailtrace.bench.api.MeasureOptions;
import dev.mailtrace.bench.api.PatternBenchmark;
import dev.mailtrace.bench.api.PatternSyntax;
import dev.mailtrace.bench.api.Semantics;
import dev.mailtrace.bench.api.TextReport;
import dev.mailtrace.grok.PatternBank;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What {@code mailtrace bench grok} and {@code mailtrace bench regex} share: everything but the syntax. */
abstract class BenchPatternsCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json, html }

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--pattern"}, paramLabel = "PATTERN", required = true,
            description = "A pattern; repeatable, tried in order (index 0, 1, ... in the output).")
    List<String> patterns = new ArrayList<>();

    @Option(names = "--all-patterns",
            description = "Try every pattern on every line (Logstash break_on_match => false); by default the first"
                    + " that matches wins and the rest are not tried.")
    boolean allPatterns;

    @Option(names = "--engine", split = ",", paramLabel = "ENGINE", defaultValue = "mailtrace",
            description = "Engines to compare, comma-separated: mailtrace, jdk (java.util.regex), es-grok (Elasticsearch's"
                    + " grok, from the local Maven repository or downloaded from Maven Central on first use)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<String> engines = new ArrayList<>();

    @Option(names = "--measure",
            description = "Measure each engine with JMH (forked JVMs, warm-up, iterations, -prof gc): minutes, error"
                    + " bounds and bytes allocated per line. By default a profile pass and plain timed rounds: seconds.")
    boolean measure;

    @Option(names = "--time", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Measuring time per engine and for the profile (--measure: per engine, over its iterations)."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration time;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Slowest lines to show. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (tables), json (one object, a stable contract) or html (one self-contained page)."
                    + " Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--baseline", paramLabel = "PREVIOUS.json",
            description = "Compare with an earlier --format json result; exit 3 if a figure regressed beyond the noise"
                    + " both runs measured (and by over 5%%).")
    Path baseline;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Match budget per line and pattern, every engine; 0 for none. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1", description = "--measure: JVMs forked per engine. Default: ${DEFAULT-VALUE}.")
    int forks;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "--measure: warm-up iterations. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5", description = "--measure: measured iterations. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--max-lines", paramLabel = "N", defaultValue = "" + Integer.MAX_VALUE,
            description = "Read at most N lines (the sample is held in memory).")
    int maxLines;

    @Parameters(paramLabel = "LOGFILE", arity = "1..*", description = "Log files (gzip is detected by content).")
    List<Path> files = new ArrayList<>();

    abstract PatternSyntax syntax();

    abstract PatternBank bank();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        StatusLine status = StatusLine.forStderr(err);
        BenchmarkResult previous = baseline == null ? null : readBaseline();
        Set<Engine> chosen = EnumSet.noneOf(Engine.class);
        for (String e : engines) {
            try {
                chosen.add(Engine.forLabel(e));
            } catch (IllegalArgumentException ex) {
                throw new CliFailure(MailtraceCommand.EXIT_USAGE, ex.getMessage());
            }
        }
        LineSample lines;
        try {
            lines = LineSample.read(files, maxLines);
        } catch (IOException e) {
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "cannot read the log files: " + CliFailure.reason(e));
        }
        PatternBenchmark b;
        try {
            b = PatternBenchmark.builder().syntax(syntax()).bank(bank()).patterns(patterns)
                    .semantics(allPatterns ? Semantics.ALL_PATTERNS : Semantics.FIRST_MATCH).lines(lines)
                    .engines(chosen).matchTimeout(timeout).time(time).top(top)
                    .progress(m -> status.show(spec.qualifiedName() + ": " + m)) // a download's bar moves in place
                    .build();
        } catch (InvalidPatternException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, e.getMessage());
        }
        BenchmarkResult r;
        try {
            r = measure ? b.measure(new MeasureOptions(forks, warmup, iterations, List.of())) : b.profile();
        } catch (IOException e) {
            // JMH could not run: its lock held by another run, a fork that failed to start, no temp space.
            throw new CliFailure(MailtraceCommand.EXIT_INPUT, "--measure failed: " + CliFailure.reason(e));
        } finally {
            status.clear();
        }
        String out = switch (format) {
            case text -> TextReport.of(r);
            case json -> r.toJson() + "\n";
            case html -> HtmlReport.of(r);
        };
        try {
            bench.parent.stdout().write(out.getBytes(StandardCharsets.UTF_8));
            bench.parent.stdout().flush();
        } catch (IOException e) {
            throw CliFailure.outputFailed(e);
        }
        if (previous != null) {
            List<String> regressions = Baseline.regressions(r, previous);
            for (String reg : regressions) {
                err.println(spec.qualifiedName() + ": regression: " + reg);
            }
            err.flush();
            return regressions.isEmpty() ? 0 : BenchCommand.EXIT_REGRESSION;
        }
        return 0;
    }

    private BenchmarkResult readBaseline() {
        try {
            return BenchmarkResult.fromJson(Files.readString(baseline));
        } catch (NoSuchFileException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "cannot read baseline [" + baseline + "]: no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new CliFailure(MailtraceCommand.EXIT_USAGE, "bad baseline [" + baseline + "]: " + e.getMessage());
        }
    }
}
