package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.openjdk.jmh.util.ListStatistics;

import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.MatchOutcome;

/**
 * The instrumented pass: each pattern's attempt on each line timed alone (two clock reads), with
 * the set's semantics applied by hand so that each attempt is charged to the pattern that made
 * it. Records into fixed arrays and histograms: nothing is allocated per line.
 */
final class Profiler {

    private final CompiledSet set;
    private final LineSample lines;
    private final GrokMatcher[] matchers;
    private final boolean firstMatch;
    private final int n;

    /** Counts of the first pass over the sample. */
    final long[] attempts;
    final long[] matches;
    final long[] timeouts;
    /** Time over all rounds. */
    final long[] totalNs;
    final long[] totalAttempts;
    final LatencyHistogram[] perPattern;
    LatencyHistogram perLine = new LatencyHistogram();
    /** Per line, the fastest round's time and the pattern that cost most in it. */
    final long[] lineNs;
    final int[] lineCostliest;
    /** Per round, per pattern: mean ns per attempt (NaN if no attempt). */
    final List<double[]> rounds = new ArrayList<>();

    /** Lines/s of each round, the clock reads included: the profiler's own speed. */
    private ListStatistics linesPerS = new ListStatistics();
    private int cursor;
    private long done;
    /** The first pass's time figures, kept apart (see {@link #pass()}), and lines of the later rounds. */
    private long[] passNs;
    private long[] passAttempts;
    private LatencyHistogram[] passPerPattern;
    private LatencyHistogram passPerLine;
    private long warmLines;
    /** Lines of the first pass. */
    long passLines;

    Profiler(CompiledSet set, LineSample lines) {
        this.set = set;
        this.lines = lines;
        this.n = lines.size();
        int p = set.size();
        this.matchers = new GrokMatcher[p];
        for (int i = 0; i < p; i++) {
            matchers[i] = set.single[i].matcher();
        }
        this.firstMatch = set.semantics == Semantics.FIRST_MATCH;
        this.attempts = new long[p];
        this.matches = new long[p];
        this.timeouts = new long[p];
        this.totalNs = new long[p];
        this.totalAttempts = new long[p];
        this.perPattern = new LatencyHistogram[p];
        for (int i = 0; i < p; i++) {
            perPattern[i] = new LatencyHistogram();
        }
        this.lineNs = new long[n];
        Arrays.fill(lineNs, Long.MAX_VALUE);
        this.lineCostliest = new int[n];
    }

    /**
     * The first round: every line of the sample once, however long it takes (runaway lines end at
     * their budget). Its times count in the totals but not in the noise, which the later rounds,
     * on a warm JIT, measure.
     */
    void pass(long limitNanos) {
        round(limitNanos, lines.size());
        passLines = done;
        rounds.clear();
        linesPerS = new ListStatistics();
        // Its times are kept apart: they include the JIT still compiling the matchers.
        passNs = totalNs.clone();
        passAttempts = totalAttempts.clone();
        passPerPattern = perPattern.clone();
        passPerLine = perLine;
        Arrays.fill(totalNs, 0);
        Arrays.fill(totalAttempts, 0);
        for (int k = 0; k < perPattern.length; k++) {
            perPattern[k] = new LatencyHistogram();
        }
        perLine = new LatencyHistogram();
        warmLines = 0;
    }

    /**
     * Settles the time figures: those of the later (warm) rounds if they saw every line, else,
     * on a sample too large for them, the first pass's added back.
     */
    void finish() {
        if (passNs == null || warmLines >= n && passLines == n) {
            return;
        }
        for (int k = 0; k < perPattern.length; k++) {
            totalNs[k] += passNs[k];
            totalAttempts[k] += passAttempts[k];
            perPattern[k].add(passPerPattern[k]);
        }
        perLine.add(passPerLine);
        passNs = null;
    }

    /** One round: lines in a cycle over the sample, from where the last round stopped, until {@code nanos} passed. */
    void round(long nanos) {
        round(nanos, Long.MAX_VALUE);
    }

    private void round(long nanos, long maxLines) {
        int p = matchers.length;
        long[] roundNs = new long[p];
        long[] roundAttempts = new long[p];
        byte[] bytes = lines.bytes();
        long start = System.nanoTime();
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
        long now = start;
        long count = 0;
        while (n > 0 && count < maxLines && (deadline == Long.MAX_VALUE || now - deadline < 0)) {
            int i = cursor;
            boolean firstPass = done < n;
            int off = lines.start(i);
            int len = lines.length(i);
            long line = 0;
            long worst = -1;
            int costliest = -1;
            for (int k = 0; k < p; k++) {
                long t0 = System.nanoTime();
                MatchOutcome o = matchers[k].match(bytes, off, len);
                now = System.nanoTime();
                long dt = now - t0;
                roundNs[k] += dt;
                roundAttempts[k]++;
                perPattern[k].record(dt);
                line += dt;
                if (dt > worst) {
                    worst = dt;
                    costliest = k;
                }
                if (firstPass) {
                    attempts[k]++;
                }
                if (o == MatchOutcome.MATCHED) {
                    if (firstPass) {
                        matches[k]++;
                    }
                    if (firstMatch) {
                        break;
                    }
                } else if (o == MatchOutcome.TIMED_OUT) {
                    if (firstPass) {
                        timeouts[k]++;
                    }
                    break; // as the grok matcher does: a runaway pattern ends the line
                }
            }
            perLine.record(line);
            if (line < lineNs[i]) {
                lineNs[i] = line;
                lineCostliest[i] = costliest;
            }
            count++;
            done++;
            cursor = cursor + 1 == n ? 0 : cursor + 1;
        }
        if (now > start) {
            linesPerS.addValue(count / ((now - start) / 1e9));
        }
        warmLines += count;
        double[] means = new double[p];
        for (int k = 0; k < p; k++) {
            totalNs[k] += roundNs[k];
            totalAttempts[k] += roundAttempts[k];
            means[k] = roundAttempts[k] == 0 ? Double.NaN : (double) roundNs[k] / roundAttempts[k];
        }
        rounds.add(means);
    }

    /** Median lines/s of the rounds, or null if none ran. */
    Double medianLinesPerS() {
        return linesPerS.getN() == 0 ? null : linesPerS.getPercentile(50);
    }

    /** Half-width of the 99.9% interval of pattern {@code k}'s mean ns per attempt over the rounds, or null. */
    Double error(int k) {
        ListStatistics s = new ListStatistics();
        for (double[] r : rounds) {
            if (!Double.isNaN(r[k])) {
                s.addValue(r[k]);
            }
        }
        return s.getN() < 3 ? null : s.getMeanErrorAt(0.999); // JMH gives no interval for fewer
    }

    /** The {@code k} slowest lines, slowest first. */
    List<SlowLine> slowest(int k) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(lineNs[b], lineNs[a]));
        List<SlowLine> out = new ArrayList<>();
        for (int j = 0; j < Math.min(k, n) && lineNs[order[j]] != Long.MAX_VALUE; j++) {
            int i = order[j];
            String text = lines.line(i);
            out.add(new SlowLine(i + 1L, lines.source(i), lines.lineInSource(i), lineCostliest[i], lineNs[i],
                    text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
        return out;
    }

    int patterns() {
        return set.size();
    }
}
