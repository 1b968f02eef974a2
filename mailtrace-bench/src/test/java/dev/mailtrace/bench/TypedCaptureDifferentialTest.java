package dev.mailtrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailtrace.bench.es.EsGrokEngine;
import dev.mailtrace.bench.es.EsPatternBank;
import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;

/**
 * The corners the corpora do not reach, both engines on our built-in bank: every type, values that
 * do not convert, one field under two types, empty and missing captures, non-ASCII text. Needs no
 * third-party data.
 */
class TypedCaptureDifferentialTest {

    /** Pattern, line, and the kind both engines must agree on. */
    private record Case(String pattern, String line, Outcome.Kind kind) {
    }

    private static final List<Case> CASES = List.of(
            new Case("%{INT:i:int} %{INT:l:long} %{NUMBER:f:float} %{NUMBER:d:double} %{WORD:b:boolean}",
                    "size=-7 9999999999 1.5 2.25 TRUE", Outcome.Kind.MATCH),
            new Case("%{WORD:b:boolean}", "yes", Outcome.Kind.MATCH),
            new Case("%{NUMBER:n:int}", "delay=1.5", Outcome.Kind.CONVERSION_ERROR),
            new Case("%{INT:n:int}", "id 99999999999", Outcome.Kind.CONVERSION_ERROR),
            new Case("%{INT:n:long}", "id 99999999999", Outcome.Kind.MATCH),
            new Case("%{INT:n:int}(?: %{INT:n:int})?", "1 2", Outcome.Kind.MATCH),
            new Case("%{INT:n:int}(?: %{INT:n:long})?", "1 2", Outcome.Kind.MATCH),
            new Case("%{INT:n:int}(?: %{INT:n:long})?", "1", Outcome.Kind.MATCH),
            new Case("%{DATA:d}x", "x", Outcome.Kind.MATCH),
            new Case("(?:%{WORD:a} )?%{INT:n}", "42", Outcome.Kind.MATCH),
            new Case("%{GREEDYDATA:g}", "Grüße – 10 € 🙂", Outcome.Kind.MATCH),
            new Case("ü%{WORD:w}$", "Grüße", Outcome.Kind.NO_MATCH),
            new Case("(?<qid>[0-9A-F]{6,}): %{GREEDYDATA:rest}", "x 4F9D195432C: removed", Outcome.Kind.MATCH),
            new Case("%{INT:n:int}", "none", Outcome.Kind.NO_MATCH));

    private static EsGrokEngine es;
    private static EsPatternBank esBank;

    @BeforeAll
    static void setUp() throws IOException {
        es = EsGrokEngine.load(TestData.esGrokDir());
        esBank = es.patternBank(GrokPatternSets.definitions(PatternBank.builtin()));
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (es != null) {
            es.close();
        }
    }

    @Test
    void bothEnginesAgreeOnTypesListsAndConversionFailures() throws Exception {
        Tally tally = new Tally("typed captures");
        for (Case c : CASES) {
            LineBuffer buffer = new LineBuffer(List.of("before", c.line(), "after"));
            Outcome esOutcome = Outcome.es(esBank.compile(c.pattern()), c.line());
            Outcome ours = Outcome.ours(Grok.compile(PatternBank.builtin(), c.pattern()).matcher(),
                    buffer.bytes, buffer.start(1), buffer.length(1));
            tally.compare(c.pattern(), c.pattern(), c.line(), esOutcome, ours);
            assertThat(esOutcome.kind()).as("%s on %s: %s", c.pattern(), c.line(), esOutcome.describe()).isEqualTo(c.kind());
        }
        System.out.println(tally.summary());
        assertThat(tally.differences()).as(tally.report()).isEmpty();
        Map<String, Object> twoTypes = esBank.compile("%{INT:n:int}(?: %{INT:n:long})?").captures("1 2");
        assertThat(twoTypes.get("n")).isEqualTo(List.of(1, 2L));
    }

    /** README's deliberate difference: an unknown type is Elasticsearch's string, our compile error. */
    @Test
    void anUnknownTypeIsAStringInElasticsearchAndAnErrorInOurs() {
        assertThat(esBank.compile("%{INT:n:integer}").captures("7")).containsEntry("n", "7");
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), "%{INT:n:integer}"))
                .isInstanceOf(PatternCompileException.class).hasMessageContaining("integer");
    }
}
