package dev.mailtrace.bench.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH benchmark behind {@link PatternBenchmark#measure}: one operation is one pass of one
 * engine over the whole sample, so lines/s is the score times the sample's lines. The user's
 * patterns and lines arrive through the {@code task} parameter (a file written by the parent
 * JVM, see {@code MeasureTask}). Public because JMH's generated code extends it; not meant to be
 * run by hand.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EngineThroughput {

    /** Path of the task file. */
    @Param("")
    public String task;

    /** Engine label. */
    @Param("mailtrace")
    public String engine;

    private LineEngine lineEngine;
    private EngineSet engines;
    private int lines;

    /** Rebuilds the benchmark in this JVM and opens the engine. */
    @Setup
    public void setUp() throws IOException {
        Engine e = Engine.forLabel(engine);
        PatternBenchmark b = MeasureTask.read(Path.of(task)).benchmark(e);
        engines = EngineSet.open(b);
        lineEngine = engines.engine(e);
        if (lineEngine == null) {
            throw new IllegalStateException("engine " + engine + " cannot run: " + engines.failure(e));
        }
        lines = b.lines.size();
    }

    /** One pass over the sample; the number of matched lines goes to JMH's blackhole. */
    @Benchmark
    public int pass() {
        int matched = 0;
        for (int i = 0; i < lines; i++) {
            if (lineEngine.match(i) >= 0) {
                matched++;
            }
        }
        return matched;
    }

    /** Closes the engine (Elasticsearch's class loader and watchdog). */
    @TearDown
    public void tearDown() {
        engines.close();
    }
}
