package dev.mailtrace.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Profile mode charges each attempt to the pattern that made it. */
class ProfileTest {

    /** Never matches the lines, and cheaply: the required literal is absent. */
    static final String CHEAP_MISS = "^%{WORD:w} nevermatches";
    /** Greedy wildcards before a run of digits that never occurs: O(n^2) per line, then a miss. */
    static final String EXPENSIVE_MISS = "^.*.*[0-9]{25}";
    static final String MATCHES = "%{SYSLOGBASE} %{GREEDYDATA:message}";

    private static final Duration TIME = Duration.ofMillis(300);

    @Test
    void theDeliberatelyExpensivePatternIsTheCostliestAndEachAttemptIsChargedToItsPattern() throws Exception {
        LineSample lines = LineSample.of(longLines(200));
        BenchmarkResult r = PatternBenchmark.builder().patterns(List.of(CHEAP_MISS, EXPENSIVE_MISS, MATCHES))
                .lines(lines).time(TIME).top(3).build().profile();

        assertThat(r.costliest().index()).isEqualTo(1);
        assertThat(r.patterns().get(1).timeShare()).isGreaterThan(0.5);
        // First match wins: both misses are tried on every line, the third pattern matches every line.
        assertThat(r.patterns()).extracting(PatternProfile::attempts).containsExactly(200L, 200L, 200L);
        assertThat(r.patterns()).extracting(PatternProfile::matches).containsExactly(0L, 0L, 200L);
        assertThat(r.patterns().get(1).nsPerAttempt()).isGreaterThan(r.patterns().get(0).nsPerAttempt() * 5);
        assertThat(r.patterns().get(1).p99Ns()).isGreaterThan(0);
        assertThat(r.slowestLines()).hasSize(3).allSatisfy(s -> assertThat(s.pattern()).isEqualTo(1));
        assertThat(r.engine("mailtrace").matched()).isEqualTo(200);
        assertThat(r.engine("mailtrace").checked()).isEqualTo(200);
        assertThat(r.profiledLines()).isEqualTo(200);
        assertThat(r.profileSlowdown()).isNotNull().isPositive();
    }

    @Test
    void aPatternAfterTheOneThatMatchesIsNeverChargedWithFirstMatchButIsWithAllPatterns() throws Exception {
        LineSample lines = LineSample.of(longLines(100));
        BenchmarkResult first = PatternBenchmark.builder().patterns(List.of(MATCHES, EXPENSIVE_MISS))
                .lines(lines).time(TIME).build().profile();
        assertThat(first.patterns().get(1).attempts()).isZero();
        assertThat(first.costliest().index()).isZero();

        BenchmarkResult all = PatternBenchmark.builder().patterns(List.of(MATCHES, EXPENSIVE_MISS))
                .semantics(Semantics.ALL_PATTERNS).lines(lines).time(TIME).build().profile();
        assertThat(all.patterns().get(1).attempts()).isEqualTo(100);
        assertThat(all.costliest().index()).isEqualTo(1);
    }

    /**
     * Lines of 400 bytes: the quadratic pattern then costs a hundred times the others, far beyond
     * what a thread descheduled for a few milliseconds on a busy machine can charge to one of them.
     */
    private static List<String> longLines(int n) {
        return Lines.mailLog(n).stream().map(l -> l + " " + "x".repeat(400 - l.length())).toList();
    }

    @Test
    void aCatastrophicPatternIsFlaggedConfirmedAndTimesOutPerLineWithoutStalling() throws Exception {
        LineSample lines = LineSample.of(List.of(
                "Oct 22 02:13:42 conch postfix/smtpd[26895]: NOQUEUE: reject: RCPT from jurann.biz[77.95.228.43]: 554 5.7.1 Service unavailable",
                "Jul 12 06:52:11 prd-mx1 postfix/qmgr[20459]: 3mPVKl0Mhjz7sXv: from=<>, size=2666, nrcpt=2 (queue active)"));
        BenchmarkResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> PatternBenchmark.builder()
                .patterns(List.of("^(\\S+\\s?)*\\s$")).lines(lines).matchTimeout(Duration.ofMillis(20))
                .time(Duration.ofMillis(200)).build().profile());

        PatternProfile p = r.patterns().get(0);
        assertThat(p.attempts()).isEqualTo(2);
        assertThat(p.timeouts()).isEqualTo(2);
        assertThat(r.engine("mailtrace").timeouts()).isEqualTo(2);
        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(PatternWarning.NESTED_QUANTIFIERS);
            assertThat(w.from()).isEqualTo("pattern #0");
            assertThat(w.subPattern()).isEqualTo("(\\S+\\s?)*");
            assertThat(w.confirmed()).as(w.describe()).isTrue();
        });
    }

    @Test
    void aLongWordFollowedByPunctuationTimesOutOnNestedWordRepeats() throws Exception {
        LineSample lines = LineSample.of(List.of("Supercalifragilisticexpialidocious" + "x".repeat(20) + "!"));
        BenchmarkResult r = PatternBenchmark.builder().patterns(List.of("^(\\w+\\s?)*$")).lines(lines)
                .matchTimeout(Duration.ofMillis(20)).time(Duration.ofMillis(200)).build().profile();
        assertThat(r.patterns().get(0).timeouts()).isEqualTo(1);
        assertThat(r.patterns().get(0).warnings()).extracting(PatternWarning::confirmed).containsExactly(true);
    }
}
