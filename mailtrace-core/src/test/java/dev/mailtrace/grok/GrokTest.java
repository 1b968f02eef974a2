package dev.mailtrace.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GrokTest {

    static PatternBank bank() throws PatternCompileException {
        return PatternBank.builder()
                .add("WORD", "\\b\\w+\\b")
                .add("INT", "(?:[+-]?(?:[0-9]+))")
                .add("DIGIT", "[0-9]")
                .add("NOTSPACE", "\\S+")
                .add("GREEDYDATA", ".*")
                .add("DATA", ".*?")
                .add("QID", "[0-9A-F]{6,}")
                .add("CLIENT", "%{WORD:client_name}\\[%{NOTSPACE:client_ip}\\]")
                .build();
    }

    @Test
    void capturesNamedReferencesOnly() throws Exception {
        Grok grok = Grok.compile(bank(), "%{QID:queue_id}: client=%{CLIENT}");
        GrokMatcher m = grok.matcher();
        assertThat(m.match("4F9D195432C: client=mail[10.0.0.1]")).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.toMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("queue_id", "4F9D195432C", "client_name", "mail", "client_ip", "10.0.0.1"));
        assertThat(grok.fields()).extracting(GrokField::name).containsExactly("queue_id", "client_name", "client_ip");
    }

    @Test
    void byteApiReportsOffsetsIntoTheCallersBuffer() throws Exception {
        Grok grok = Grok.compile(bank(), "^%{WORD:a} %{INT:n:int}$");
        byte[] buf = "xxxxhello 42yyyy".getBytes(StandardCharsets.US_ASCII);
        GrokMatcher m = grok.matcher();
        assertThat(m.match(buf, 4, 8)).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.start("a")).isEqualTo(4);
        assertThat(m.end("a")).isEqualTo(9);
        assertThat(m.start("n")).isEqualTo(10);
        assertThat(m.value("n")).isEqualTo("42");
        assertThat(m.toMap()).containsEntry("n", 42);
        assertThat(m.matchStart(0)).isEqualTo(4);
        assertThat(m.matchEnd(0)).isEqualTo(12);
        List<String> seen = new ArrayList<>();
        m.forEachCapture((f, b, s, e) -> seen.add(f + "=" + new String(b, s, e - s, StandardCharsets.UTF_8)));
        assertThat(seen).containsExactlyInAnyOrder("a=hello", "n:int=42");
    }

    @Test
    void convertsTypesLikeElasticsearch() throws Exception {
        Grok grok = Grok.compile(bank(), "%{INT:i:int} %{INT:l:long} %{NOTSPACE:f:float} %{NOTSPACE:d:double} %{WORD:b:boolean} %{INT:s:string}");
        Map<String, Object> map = grok.captures("-7 9999999999 1.5 2.25 TRUE 8").orElseThrow();
        assertThat(map).containsEntry("i", -7).containsEntry("l", 9999999999L).containsEntry("f", 1.5f)
                .containsEntry("d", 2.25d).containsEntry("b", true).containsEntry("s", "8");
        assertThat(grok.fields()).contains(new GrokField("i", GrokType.INT), new GrokField("b", GrokType.BOOLEAN));
    }

    @Test
    void aValueThatDoesNotConvertIsReportedNotThrown() throws Exception {
        Grok grok = Grok.compile(bank(), "%{INT:n:int}");
        GrokMatcher m = grok.matcher();
        assertThat(m.match("99999999999")).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.toMap()).containsEntry("n", "99999999999");
        assertThat(m.conversionErrors()).containsExactly(
                new GrokMatcher.ConversionError(new GrokField("n", GrokType.INT), "99999999999"));
    }

    @Test
    void aFieldCapturedTwiceBecomesAList() throws Exception {
        Grok grok = Grok.compile(bank(), "%{DIGIT:d}(%{DIGIT:d})?");
        assertThat(grok.captures("1").orElseThrow()).containsEntry("d", "1");
        assertThat(grok.captures("12").orElseThrow()).containsEntry("d", List.of("1", "2"));
    }

    @Test
    void inlineNamedGroupsAndNestedFieldNames() throws Exception {
        Grok grok = Grok.compile(bank(), "(?<[source][ip]>\\d+\\.\\d+) (?<@metadata>%{WORD}) (?<with_1>x)");
        assertThat(grok.captures("1.2 abc x").orElseThrow())
                .containsEntry("[source][ip]", "1.2").containsEntry("@metadata", "abc").containsEntry("with_1", "x");
    }

    @Test
    void breakOnMatchStopsAtTheFirstPattern() throws Exception {
        Grok first = Grok.builder(bank()).pattern("%{INT:n}").pattern("%{WORD:w}").build();
        GrokMatcher m = first.matcher();
        assertThat(m.match("42")).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.patternIndex()).isZero();
        assertThat(m.toMap()).containsOnlyKeys("n");

        Grok all = Grok.builder(bank()).pattern("%{INT:n}").pattern("%{WORD:w}").pattern("(?<n>4)")
                .disable(GrokFeature.BREAK_ON_MATCH).build();
        GrokMatcher a = all.matcher();
        assertThat(a.match("42")).isEqualTo(MatchOutcome.MATCHED);
        assertThat(a.matched(1)).isTrue();
        assertThat(a.toMap()).containsEntry("w", "42").containsEntry("n", List.of("42", "4"));
    }

    @Test
    void namedCapturesOnlyOffCapturesUnnamedReferences() throws Exception {
        Grok grok = Grok.builder(bank()).pattern("%{WORD} %{INT:n}").disable(GrokFeature.NAMED_CAPTURES_ONLY).build();
        assertThat(grok.captures("abc 1").orElseThrow()).containsEntry("WORD", "abc").containsEntry("n", "1");
    }

    @Test
    void emptyCapturesAreKeptUnlessDisabled() throws Exception {
        String p = "a%{DATA:x}b";
        assertThat(Grok.compile(bank(), p).captures("ab").orElseThrow()).containsEntry("x", "");
        Grok logstash = Grok.builder(bank()).pattern(p).disable(GrokFeature.KEEP_EMPTY_CAPTURES).build();
        assertThat(logstash.captures("ab").orElseThrow()).doesNotContainKey("x");
    }

    @Test
    void noMatchAndStringApi() throws Exception {
        Grok grok = Grok.compile(bank(), "^%{INT:n}$");
        assertThat(grok.captures("abc")).isEmpty();
        GrokMatcher m = grok.matcher();
        assertThat(m.match("x")).isEqualTo(MatchOutcome.NO_MATCH);
        assertThat(m.patternIndex()).isEqualTo(-1);
        assertThat(m.value("n")).isNull();
        assertThat(m.start("n")).isEqualTo(-1);
        assertThat(m.toMap()).isEmpty();
        assertThat(grok.captures("ü 1")).isEmpty();
        assertThat(Grok.compile(bank(), "%{WORD:w}$").captures("grüße 1x").orElseThrow()).containsEntry("w", "1x");
    }

    @Test
    void runawayRegexHitsTheBudgetWithATypedOutcome() throws Exception {
        Grok grok = Grok.builder(PatternBank.empty()).pattern("^(\\w+\\s?)*$").pattern("(?<any>.*)")
                .matchTimeout(Duration.ofMillis(50)).build();
        GrokMatcher m = grok.matcher();
        long t = System.nanoTime();
        assertThat(m.match("a".repeat(64) + "!")).isEqualTo(MatchOutcome.TIMED_OUT);
        assertThat(System.nanoTime() - t).isLessThan(Duration.ofSeconds(20).toNanos());
        assertThat(m.timedOutPattern()).isZero();
        assertThat(m.patternIndex()).isEqualTo(-1);
        assertThat(m.toMap()).isEmpty();
        // the matcher is fine for the next line
        assertThat(m.match("hello world")).isEqualTo(MatchOutcome.MATCHED);
    }

    @Test
    void unknownReferenceNamesPatternReferenceAndColumn() throws Exception {
        assertThatThrownBy(() -> Grok.compile(bank(), "%{WORD:a} %{NOPE:b}"))
                .isInstanceOf(PatternCompileException.class)
                .hasMessage("pattern column 11: unknown pattern [NOPE] in %{NOPE:b}")
                .satisfies(e -> assertThat(((PatternCompileException) e).column()).isEqualTo(11));
    }

    @Test
    void unknownTypeAndMalformedReferencesFailAtCompileTime() throws Exception {
        assertThatThrownBy(() -> Grok.compile(bank(), "x %{INT:n:integer}"))
                .hasMessageContaining("column 3").hasMessageContaining("unknown type [integer]")
                .hasMessageContaining("[string, int, long, float, double, boolean]");
        assertThatThrownBy(() -> Grok.compile(bank(), "%{INT:n"))
                .hasMessageStartingWith("pattern column 1: malformed reference");
        assertThatThrownBy(() -> Grok.compile(bank(), "ab %{ INT}"))
                .hasMessageStartingWith("pattern column 4: malformed reference");
    }

    @Test
    void invalidRegexIsLocatedInTheDefinitionAtFault() throws Exception {
        PatternBank b = bank().toBuilder().add("BROKEN", "ab(?<1x>c)d").add("USES", "x%{BROKEN}").build();
        assertThatThrownBy(() -> Grok.compile(b, "%{WORD} %{USES}"))
                .hasMessageStartingWith("pattern [BROKEN] (code) column 3: invalid regex at [(?<1x>c)]");
        assertThatThrownBy(() -> Grok.compile(bank(), "%{WORD} (abc"))
                .hasMessage("pattern column 9: invalid regex: unclosed group");
        assertThatThrownBy(() -> Grok.compile(bank(), "%{WORD} [abc"))
                .hasMessage("pattern column 9: invalid regex: unclosed character class");
    }

    @Test
    void patternIndexIsInMessagesWhenThereAreSeveral() {
        assertThatThrownBy(() -> Grok.builder(bank()).pattern("%{WORD}").pattern("%{NOPE}").build())
                .hasMessage("pattern (#1) column 1: unknown pattern [NOPE] in %{NOPE}");
    }

    @Test
    void expandsExactlyAsElasticsearch() throws Exception {
        Grok grok = Grok.compile(bank(), "%{QID:q} %{CLIENT} %{INT:n:int}");
        assertThat(grok.expandedRegex(0)).isEqualTo(
                "(?<QID:q>[0-9A-F]{6,}) (?:(?<WORD:client_name>\\b\\w+\\b)\\[(?<NOTSPACE:client_ip>\\S+)\\])"
                        + " (?<INT:n:int>(?:[+-]?(?:[0-9]+)))");
    }

    @Test
    void inlineDefinition() throws Exception {
        assertThat(Grok.compile(bank(), "%{ID:id=[a-z]+[0-9]}").captures("--abc1--").orElseThrow())
                .containsEntry("id", "abc1");
    }

    @Test
    void invalidUtf8IsMatchedAsJavaDecodesItAndNeverRunsPastTheSlice() throws Exception {
        // joni's .* would read past the slice (or fail) on a sequence cut off by the end of it
        Grok grok = Grok.compile(bank(), "^%{WORD:host} %{GREEDYDATA:rest}$");
        byte[] buf = {'x', 'm', 'x', ' ', 'a', (byte) 0xE2, (byte) 0x82, 'y', 'y', 'y'};
        GrokMatcher m = grok.matcher();
        assertThat(m.match(buf, 1, 6)).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.toMap()).isEqualTo(Map.of("host", "mx", "rest", "a\ufffd"));
        assertThat(m.bytes()).as("offsets refer to the cleaned copy").isNotSameAs(buf);
        assertThat(m.value("rest")).isEqualTo("a\ufffd");
        assertThat(grok.explain(buf, 1, 6).get(0).matched()).isTrue();
        byte[] stray = {'m', 'x', ' ', (byte) 0xFF, 'b'};
        assertThat(grok.captures(new String(stray, StandardCharsets.UTF_8)).orElseThrow())
                .isEqualTo(Map.of("host", "mx", "rest", "\ufffdb"));
        assertThat(m.match(stray, 0, stray.length)).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.toMap()).containsEntry("rest", "\ufffdb");
    }

    /** joni 2.2.9 looped for ever compiling {@code (?=中中)abcd}, and threw on {@code (?=中)ab} (found by fuzzing). */
    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void lookaheadsOfMultiByteLiteralsCompileAndMatchAsWritten() throws Exception {
        Grok twice = Grok.compile(bank(), "(?=中中)%{NOTSPACE:w}");
        GrokMatcher m = twice.matcher();
        assertThat(m.match("中中x")).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.toMap()).containsExactlyEntriesOf(Map.of("w", "中中x"));
        assertThat(m.match("中x")).isEqualTo(MatchOutcome.NO_MATCH);
        Grok grok = Grok.compile(bank(), "(?<lang>(?=日本)[^0-9]+)%{INT:n}");
        m = grok.matcher();
        assertThat(m.match("日本語42")).isEqualTo(MatchOutcome.MATCHED);
        assertThat(m.toMap()).containsExactlyInAnyOrderEntriesOf(Map.of("lang", "日本語", "n", "42"));
        assertThat(m.match("中文42")).isEqualTo(MatchOutcome.NO_MATCH);
        for (String regex : List.of("(?=中中)abcd", "(?=中)ab", "x(?=\\u4e2d\\u4e2d)abcd", "(?=" + "\uFFFD".repeat(115) + "x)\n%")) {
            assertThat(Grok.compileRegex(regex)).as(regex).isNotNull();
        }
    }

    @Test
    void onlyRegexesThatCanHoldMultiByteLiteralsHaveTheirLookaheadsRewritten() {
        assertThat(Grok.withInertLookaheads("(?=[0-9A-F]{0,4}:)x")).isEqualTo("(?=[0-9A-F]{0,4}:)x"); // IPV6: as written
        assertThat(Grok.withInertLookaheads("(?=中)ab(?=c|d)")).isEqualTo("(?=(?!)|中)ab(?=(?!)|c|d)");
        assertThat(Grok.withInertLookaheads("\\x{4e2d}(?=a)")).isEqualTo("\\x{4e2d}(?=(?!)|a)");
        // not lookaheads: escaped, in a class (also one whose first member is ']'), in a comment; lookbehinds
        assertThat(Grok.withInertLookaheads("é\\(?=[(?=][](?=]][^](?=](?#(?=)(?<=a)(?!b)"))
                .isEqualTo("é\\(?=[(?=][](?=]][^](?=](?#(?=)(?<=a)(?!b)");
        assertThat(Grok.withInertLookaheads("é\\\\(?=a)")).isEqualTo("é\\\\(?=(?!)|a)");
    }
}
