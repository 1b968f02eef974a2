package dev.mailtrace.bench.api;

import java.util.List;

/**
 * The cost of one pattern of the set, from the profile pass (mailtrace's engine). Each attempt is
 * charged to the pattern that made it: with {@link Semantics#FIRST_MATCH} a line that the third
 * pattern matches costs the first two their misses and the third its match.
 *
 * <p>Counts ({@code attempts}, {@code matches}, {@code timeouts}) are those of the first pass over
 * the sample; times are those of the later rounds, on a warm JIT, when they saw every line, else
 * of all rounds.
 *
 * @param index 0-based position of the pattern in the set
 * @param pattern the pattern as given
 * @param attempts lines the pattern was tried on
 * @param matches attempts that matched
 * @param timeouts attempts that ran out of the match budget
 * @param timeShare the pattern's share of the time of all patterns, 0 to 1
 * @param nsPerAttempt mean nanoseconds per attempt
 * @param nsPerAttemptError half-width of the 99.9% confidence interval of the mean over the rounds, or null
 * @param p99Ns 99th percentile of one attempt's nanoseconds (histogram buckets of 1/16 of a power
 *     of two: within 6.25%)
 * @param warnings constructs of the pattern prone to catastrophic backtracking
 */
public record PatternProfile(int index, String pattern, long attempts, long matches, long timeouts, double timeShare,
                             double nsPerAttempt, Double nsPerAttemptError, double p99Ns,
                             List<PatternWarning> warnings) {

    public PatternProfile {
        warnings = List.copyOf(warnings);
    }

    /** Attempts that did not match. */
    public long misses() {
        return attempts - matches - timeouts;
    }
}
