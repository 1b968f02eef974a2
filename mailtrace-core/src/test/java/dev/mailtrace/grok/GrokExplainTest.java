package dev.mailtrace.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GrokExplainTest {

    private static PatternBank bank() throws PatternCompileException {
        return GrokTest.bank().toBuilder()
                .add("MONTH", "\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b")
                .add("TIME", "\\d\\d:\\d\\d:\\d\\d")
                .add("STAMP", "%{MONTH} +\\d{1,2} %{TIME}")
                .add("CONNECT", "connect from %{CLIENT}")
                .add("REJECT", "%{QID:qid}: reject: RCPT from %{CLIENT}: %{INT:code} %{GREEDYDATA:reason}")
                .add("SMTPD", "%{CONNECT}|%{REJECT}")
                .build();
    }

    @Test
    void pointsAtTheFirstComponentThatFails() throws Exception {
        Grok grok = Grok.compile(bank(), "^%{STAMP} %{WORD:host} %{INT:pid}$");
        GrokExplanation e = grok.explain("Nov 24 10:04:05 mx1 abc").get(0);
        assertThat(e.matched()).isFalse();
        assertThat(e.steps()).first().satisfies(s -> {
            assertThat(s.pattern()).isNull();
            assertThat(s.matched()).isEqualTo("^%{STAMP} %{WORD:host} ");
            assertThat(s.failedAt()).isEqualTo("%{INT:pid}");
        });
        assertThat(e.offset()).isEqualTo(20);
        assertThat(e.rest()).isEqualTo("abc");
    }

    @Test
    void offsetsAreRelativeToTheLineWithinALargerBuffer() throws Exception {
        Grok grok = Grok.compile(bank(), "^%{STAMP} %{WORD:host} %{INT:pid}$");
        byte[] buf = "first line\nNov 24 10:04:05 mx1 abc\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        GrokExplanation e = grok.explain(buf, 11, 23).get(0);
        assertThat(e.failedAt()).isEqualTo("%{INT:pid}");
        assertThat(e.offset()).isEqualTo(20);
        assertThat(e.rest()).isEqualTo("abc");
    }

    @Test
    void descendsIntoReferencesAndPicksTheAlternativeThatGetsFurthest() throws Exception {
        Grok grok = Grok.compile(bank(), "^%{SMTPD}$");
        String line = "4F9D195432C: reject: RCPT from mail[10.0.0.1]: five50 no such user";
        GrokExplanation e = grok.explain(line).get(0);
        assertThat(e.steps()).extracting(GrokExplanation.Step::pattern).containsExactly(null, "SMTPD", "REJECT");
        assertThat(e.failedAt()).isEqualTo("%{INT:code}");
        assertThat(e.steps().get(2).matched()).isEqualTo("%{QID:qid}: reject: RCPT from %{CLIENT}: ");
        assertThat(e.rest()).isEqualTo("five50 no such user");
        assertThat(e.offset()).isEqualTo(line.indexOf("five50"));
    }

    @Test
    void descendsIntoGroupsAndStopsAtLiterals() throws Exception {
        Grok grok = Grok.compile(bank(), "^%{STAMP} (?:%{WORD:host}) \\[%{INT:pid}\\]$");
        GrokExplanation e = grok.explain("Dec  1 00:00:00 host [12x]").get(0);
        assertThat(e.failedAt()).isEqualTo("\\]");
        assertThat(e.rest()).isEqualTo("x]");
        GrokExplanation inner = grok.explain("Dec 1 00:00:00").get(0);
        assertThat(inner.failedAt()).isEqualTo(" ");
        assertThat(inner.steps()).first().extracting(GrokExplanation.Step::matched).isEqualTo("^%{STAMP}");
    }

    @Test
    void explainsEveryPatternAndSaysWhenOneMatches() throws Exception {
        Grok grok = Grok.builder(bank()).pattern("^%{INT:n}$").pattern("^%{WORD:w}$").build();
        List<GrokExplanation> all = grok.explain("abc");
        assertThat(all).extracting(GrokExplanation::patternIndex).containsExactly(0, 1);
        assertThat(all.get(0).matched()).isFalse();
        assertThat(all.get(0).failedAt()).isEqualTo("%{INT:n}");
        assertThat(all.get(1).matched()).isTrue();
        assertThat(all.get(1).steps()).isEmpty();
        assertThat(all.get(1).rest()).isEmpty();
    }
}
