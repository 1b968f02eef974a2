package dev.mailtrace.bench.api;

import org.openjdk.jmh.util.ListStatistics;

/**
 * Plain matching timed in rounds, for profile mode's engine figures: a warm-up, then rounds of
 * lines in a cycle over the sample, the clock read every 64 lines (and after every runaway line,
 * so that a pattern hitting its budget cannot stall a round).
 */
final class Timing {

    /** Rounds per measurement. */
    static final int ROUNDS = 10;

    /** Lines/s and MB/s per round. */
    final ListStatistics linesPerS = new ListStatistics();
    final ListStatistics mbPerS = new ListStatistics();

    private final LineEngine engine;
    private final LineSample lines;
    private int cursor;

    Timing(LineEngine engine, LineSample lines) {
        this.engine = engine;
        this.lines = lines;
    }

    /** Runs for {@code nanos} without recording. */
    void warmUp(long nanos) {
        round(nanos, false);
    }

    /** Measures {@value #ROUNDS} rounds over {@code nanos}. */
    void rounds(long nanos) {
        for (int r = 0; r < ROUNDS; r++) {
            round(nanos / ROUNDS);
        }
    }

    /** Measures one round of {@code nanos}. */
    void round(long nanos) {
        round(nanos, true);
    }

    private void round(long nanos, boolean record) {
        int n = lines.size();
        if (n == 0) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + nanos;
        long now = start;
        long count = 0;
        long bytes = 0;
        int sinceClock = 0;
        while (true) {
            int i = cursor;
            boolean runaway = engine.match(i) == LineEngine.TIMED_OUT;
            bytes += lines.length(i);
            count++;
            cursor = i + 1 == n ? 0 : i + 1;
            if (++sinceClock == 64 || runaway) {
                sinceClock = 0;
                now = System.nanoTime();
                if (now - deadline >= 0) {
                    break;
                }
            }
        }
        if (record) {
            double seconds = (now - start) / 1e9;
            linesPerS.addValue(count / seconds);
            mbPerS.addValue(bytes / 1e6 / seconds);
        }
    }

    double medianLinesPerS() {
        return linesPerS.getPercentile(50);
    }

    double medianMbPerS() {
        return mbPerS.getPercentile(50);
    }

    Double error() {
        return linesPerS.getN() < 3 ? null : linesPerS.getMeanErrorAt(0.999);
    }
}
