package dev.mailtrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailtrace.bench.es.EsGrok;
import dev.mailtrace.bench.es.EsGrokEngine;
import dev.mailtrace.bench.es.EsGrokTimeoutException;
import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.MatchOutcome;
import dev.mailtrace.grok.PatternBank;

/**
 * Regexes that backtrack exponentially on ordinary input: both engines must give up within their
 * budget instead of hanging, ours with a typed {@link MatchOutcome#TIMED_OUT}, Elasticsearch's by
 * its watchdog interrupting the match. Needs no third-party data.
 */
class PathologicalPatternTest {

    /** Nested quantifiers and a final {@code \s} a log line never ends with. */
    static final String TRAILING_SPACE = "^(\\S+\\s?)*\\s$";
    /** Nested quantifiers that must reach the end of a word followed by punctuation. */
    static final String WORDS_TO_END = "^(\\w+\\s?)*$";

    /**
     * Lines with single spaces only: a double space ({@code Jul  5}) ends the nested loop early, so
     * the backtracking stays in the first word and fails fast, in both engines.
     */
    static final List<String> LOG_LINES = List.of(
            "Oct 22 02:13:42 conch postfix/smtpd[26895]: NOQUEUE: reject: RCPT from jurann.biz[77.95.228.43]: 554 5.7.1 Service unavailable",
            "Jul 12 06:52:11 prd-mx1 postfix/qmgr[20459]: 3mPVKl0Mhjz7sXv: from=<>, size=2666, nrcpt=2 (queue active)");
    static final String LONG_WORD = "Supercalifragilisticexpialidocious" + "x".repeat(20) + "!";

    private static final Duration BUDGET = Duration.ofMillis(100);
    private static final Duration HANG = Duration.ofSeconds(60);

    private static EsGrokEngine es;

    @BeforeAll
    static void setUp() throws IOException {
        es = EsGrokEngine.load(TestData.esGrokDir(), Duration.ofMillis(50), BUDGET);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (es != null) {
            es.close();
        }
    }

    @Test
    void oursTimesOutWithATypedOutcomeAndGoesOnWithTheNextLine() throws Exception {
        Grok grok = Grok.builder(PatternBank.empty()).pattern(TRAILING_SPACE).pattern("^%{WORD=\\w+}").matchTimeout(BUDGET).build();
        GrokMatcher m = grok.matcher();
        for (String line : LOG_LINES) {
            long t0 = System.nanoTime();
            MatchOutcome outcome = assertTimeoutPreemptively(HANG, () -> m.match(line));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(outcome).isEqualTo(MatchOutcome.TIMED_OUT);
            // As in Logstash, a timed-out pattern ends the line: the second pattern is not tried.
            assertThat(m.timedOutPattern()).isZero();
            assertThat(m.toMap()).isEmpty();
            assertThat(ms).as("gave up after %d ms on a %d ms budget", ms, BUDGET.toMillis()).isLessThan(10_000);
        }
        Grok words = Grok.builder(PatternBank.empty()).pattern(WORDS_TO_END).matchTimeout(BUDGET).build();
        assertThat(assertTimeoutPreemptively(HANG, () -> words.matcher().match(LONG_WORD))).isEqualTo(MatchOutcome.TIMED_OUT);
        // The same matcher is fine afterwards, and a line that does not backtrack matches.
        assertThat(m.match("ok ")).isEqualTo(MatchOutcome.MATCHED);
    }

    @Test
    void elasticsearchsWatchdogInterruptsTheSameMatches() {
        EsGrok trailing = es.compile(Map.of(), TRAILING_SPACE);
        for (String line : LOG_LINES) {
            EsGrokTimeoutException e = assertTimeoutPreemptively(HANG,
                    () -> assertThrows(EsGrokTimeoutException.class, () -> trailing.captures(line)));
            assertThat(e.maxExecutionMillis()).isEqualTo(BUDGET.toMillis());
        }
        EsGrok words = es.compile(Map.of(), WORDS_TO_END);
        assertTimeoutPreemptively(HANG, () -> assertThrows(EsGrokTimeoutException.class, () -> words.captures(LONG_WORD)));
        assertThat(trailing.captures("ok ")).isEmpty();
    }
}
