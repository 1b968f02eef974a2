package dev.mailtrace.bench.api;

/**
 * One of the slowest lines of the sample.
 *
 * @param line 1-based line number in the sample
 * @param source the file it came from
 * @param lineInSource its line number in that file
 * @param pattern the pattern that cost most on it (0-based)
 * @param ns the line's time over all patterns tried (the fastest of the rounds)
 * @param text the line, cut to 200 characters
 */
public record SlowLine(long line, String source, long lineInSource, int pattern, long ns, String text) {
}
