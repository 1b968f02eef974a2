package dev.mailtrace.bench.api;

import java.util.List;

/**
 * JMH settings of measure mode. Iterations last {@code time / iterations} each (see
 * {@link PatternBenchmark.Builder#time}), warm-up iterations as long.
 *
 * @param forks JVMs forked per engine (0 runs in this JVM: quick, less trustworthy)
 * @param warmupIterations warm-up iterations per fork
 * @param iterations measured iterations per fork
 * @param jvmArgs extra arguments for the forked JVMs, e.g. {@code -Xmx2g}
 */
public record MeasureOptions(int forks, int warmupIterations, int iterations, List<String> jvmArgs) {

    /** One fork, 3 warm-up and 5 measured iterations: a few seconds per engine, JMH's error bounds. */
    public static final MeasureOptions DEFAULT = new MeasureOptions(1, 3, 5, List.of());

    public MeasureOptions {
        if (forks < 0 || warmupIterations < 0 || iterations < 1) {
            throw new IllegalArgumentException("forks [" + forks + "] and warm-up iterations [" + warmupIterations
                    + "] must be >= 0, iterations [" + iterations + "] >= 1");
        }
        jvmArgs = List.copyOf(jvmArgs);
    }
}
