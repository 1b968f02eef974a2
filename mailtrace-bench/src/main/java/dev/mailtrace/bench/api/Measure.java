package dev.mailtrace.bench.api;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measure mode: the profile (for the pattern figures and the agreement check), then
 * {@link EngineThroughput} run by JMH's {@link Runner} for every engine that could run, whose
 * scores replace the engines' profile-mode figures.
 */
final class Measure {

    private final PatternBenchmark b;
    private final MeasureOptions options;

    Measure(PatternBenchmark b, MeasureOptions options) {
        this.b = b;
        this.options = options;
    }

    BenchmarkResult run() throws IOException {
        BenchmarkResult profile = b.profile();
        Path dir = Files.createTempDirectory("mailtrace-bench");
        Path taskFile = dir.resolve("task.bin");
        try {
            MeasureTask.of(b).write(taskFile);
            List<String> runnable = new ArrayList<>();
            for (EngineResult e : profile.engines()) {
                if (e.failure() == null) {
                    runnable.add(e.engine());
                }
            }
            Collection<RunResult> results = runnable.isEmpty() ? List.of() : jmh(taskFile, runnable);
            List<EngineResult> engines = new ArrayList<>();
            for (EngineResult e : profile.engines()) {
                RunResult r = results.stream().filter(x -> x.getParams().getParam("engine").equals(e.engine()))
                        .findFirst().orElse(null);
                engines.add(r == null ? e : measured(e, r));
            }
            return new BenchmarkResult("measure", profile.syntax(), profile.semantics(), profile.matchTimeoutMs(),
                    profile.lines(), profile.profiledLines(), profile.bytes(), engines, profile.patterns(), profile.slowestLines(),
                    profile.profileLinesPerS(), profile.profileSlowdown(), profile.latency(), profile.environment());
        } finally {
            Files.deleteIfExists(taskFile);
            Files.deleteIfExists(dir);
        }
    }

    private EngineResult measured(EngineResult e, RunResult r) {
        int n = b.lines.size();
        double perLine = (double) b.lines.totalBytes() / Math.max(1, n);
        Result<?> primary = r.getPrimaryResult();
        double linesPerS = primary.getScore() * n;
        Double error = Double.isNaN(primary.getScoreError()) ? null : primary.getScoreError() * n;
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        Double bytesPerLine = alloc == null ? null : alloc.getScore() / Math.max(1, n);
        return new EngineResult(e.engine(), e.version(), e.lines(), e.checked(), e.matched(), e.timeouts(), linesPerS,
                linesPerS * perLine / 1e6, error, bytesPerLine, e.agreesWithMailtrace(), e.compared(),
                e.disagreements(), e.examples(), e.failure());
    }

    private Collection<RunResult> jmh(Path taskFile, List<String> engines) throws IOException {
        TimeValue iteration = TimeValue.milliseconds(Math.max(100, b.time.toMillis() / options.iterations()));
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + Pattern.quote(EngineThroughput.class.getName()) + "\\.pass$")
                .param("task", taskFile.toAbsolutePath().toString())
                .param("engine", engines.toArray(new String[0]))
                .forks(options.forks())
                .warmupIterations(options.warmupIterations())
                .warmupTime(iteration)
                .measurementIterations(options.iterations())
                .measurementTime(iteration)
                .timeUnit(TimeUnit.SECONDS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (!options.jvmArgs().isEmpty()) {
            o.jvmArgsAppend(options.jvmArgs().toArray(new String[0]));
        }
        // JMH's own report goes to the progress display, never to stdout (which carries the result).
        PrintStream progress = new PrintStream(new LineForwarder(b.progress), true);
        try {
            b.progress.accept("JMH: " + engines.size() + " engine(s), " + options.forks() + " fork(s), "
                    + options.warmupIterations() + "+" + options.iterations() + " iterations of " + iteration);
            return new Runner(o.build(), OutputFormatFactory.createFormatInstance(progress, VerboseMode.NORMAL)).run();
        } catch (RunnerException e) {
            throw new IOException("JMH failed: " + e.getMessage(), e);
        }
    }

    /** Bytes to lines for the progress consumer. */
    private static final class LineForwarder extends OutputStream {
        private final java.util.function.Consumer<String> sink;
        private final StringBuilder line = new StringBuilder();

        LineForwarder(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public void write(int c) {
            if (c == '\n') {
                if (!line.toString().isBlank()) {
                    sink.accept(line.toString());
                }
                line.setLength(0);
            } else if (c != '\r') {
                line.append((char) c);
            }
        }
    }
}
