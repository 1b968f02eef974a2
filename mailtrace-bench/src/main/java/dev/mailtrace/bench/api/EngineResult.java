package dev.mailtrace.bench.api;

import java.util.List;

/**
 * One engine's figures on the whole sample, and whether it agrees with mailtrace.
 *
 * @param engine the engine's label ({@code mailtrace}, {@code jdk}, {@code es-grok})
 * @param version what ran, e.g. {@code elasticsearch-grok 8.19.21 on joni 2.1.29}
 * @param lines lines in the sample
 * @param checked lines the agreement pass ran over: all, unless runaway patterns made it take
 *     longer than its limit (see {@link PatternBenchmark#PASS_LIMIT_FACTOR})
 * @param matched lines some pattern matched, in the agreement pass
 * @param timeouts lines that ran out of the match budget, in the agreement pass
 * @param linesPerS lines per second: median of the rounds (profile mode) or JMH's score (measure mode); 0 if it failed
 * @param mbPerS the same in MB (10^6 bytes of UTF-8 text, line terminators not counted) per second
 * @param error half-width of the 99.9% confidence interval of {@code linesPerS} (Student's t over
 *     the rounds, as JMH computes it), or null with fewer than three rounds
 * @param bytesPerLine heap allocated per line ({@code -prof gc}, measure mode), or null
 * @param agreesWithMailtrace whether every compared line gave the same pattern and captures as mailtrace
 * @param compared lines compared with mailtrace (lines where either engine timed out are not compared)
 * @param disagreements lines that differ from mailtrace
 * @param examples the first few differing lines
 * @param failure why the engine could not run (its jars, a regex it rejects), or null
 */
public record EngineResult(String engine, String version, long lines, long checked, long matched, long timeouts, double linesPerS,
                           double mbPerS, Double error, Double bytesPerLine, boolean agreesWithMailtrace, long compared,
                           long disagreements, List<Disagreement> examples, String failure) {

    public EngineResult {
        examples = List.copyOf(examples);
    }

    /**
     * A line on which an engine and mailtrace differ.
     *
     * @param line 1-based line number in the sample
     * @param mailtrace what mailtrace gave: the pattern index and captures, as text
     * @param other what the engine gave
     */
    public record Disagreement(long line, String mailtrace, String other) {
    }

    /** An engine that could not run. */
    static EngineResult failed(String engine, long lines, String failure) {
        return new EngineResult(engine, null, lines, 0, 0, 0, 0, 0, null, null, false, 0, 0, List.of(), failure);
    }
}
