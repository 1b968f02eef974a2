package dev.mailtrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailtrace.bench.es.EsGrok;
import dev.mailtrace.bench.es.EsGrokEngine;
import dev.mailtrace.bench.es.EsPatternBank;
import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.MatchOutcome;
import dev.mailtrace.grok.PatternBank;

/**
 * Elasticsearch's grok and ours on every line of the shared corpora, the way Logstash users run
 * postfix-grok-patterns: a syslog header grok, then the message grokked with the pattern the
 * program dispatch of {@code 50-filter-postfix.conf} picks. Both engines get the same pattern
 * definitions; ours reads each line as a slice of one buffer, Elasticsearch gets a String.
 */
class CorpusDifferentialTest {

    /**
     * Lines the corpora lack: non-ASCII text, where bytes and chars differ (a UTF-8 subject in a
     * cleanup warning, an IDN host, an emoji), and a header-only line.
     */
    static final List<String> EXTRA_LINES = List.of(
            "Oct 22 02:13:44 conch postfix/cleanup[26897]: 4F9D195432C: warning: header Subject: Grüße aus Köln – 10 € Rabatt from mail.example.de[192.0.2.7]; from=<jörg@example.de> to=<kdent@seaglass.com> proto=ESMTP helo=<mail.example.de>",
            "Oct 22 02:13:45 conch postfix/smtpd[26898]: connect from xn--bcher-kva.example[198.51.100.4]",
            "Oct 22 02:13:46 conch postfix/smtp[26899]: 4F9D195432D: to=<🙂@example.org>, relay=none, delay=0.1, delays=0.05/0/0.04/0, dsn=5.1.2, status=bounced (Host or domain name not found. Name service error for name=example.org type=MX: Host not found)",
            "Oct 22 02:13:47 conch postfix/qmgr[1]:");

    private static SharedData shared;
    private static PatternBank bank;
    private static EsGrokEngine es;
    private static EsPatternBank esBank;
    private static PostfixGrokDispatch dispatch;
    private static List<String> lines;
    private static LineBuffer buffer;

    @BeforeAll
    static void setUp() throws Exception {
        shared = TestData.shared();
        bank = GrokPatternSets.legacyWithPostfix(shared);
        es = EsGrokEngine.load(TestData.esGrokDir());
        esBank = es.patternBank(GrokPatternSets.definitions(bank));
        dispatch = PostfixGrokDispatch.parse(shared.postfixFilterConf());
        lines = new ArrayList<>(shared.logLines());
        lines.addAll(EXTRA_LINES);
        buffer = new LineBuffer(lines);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (es != null) {
            es.close();
        }
    }

    /** Each header alone, ours through both APIs: a slice of the shared buffer and a String. */
    @Test
    void eachHeaderPatternCapturesTheSameOnEveryLine() throws Exception {
        for (String header : GrokPatternSets.HEADERS) {
            Tally bytes = new Tally("header " + header + " (byte API)");
            Tally strings = new Tally("header " + header + " (String API)");
            EsGrok esGrok = esBank.compile(header);
            GrokMatcher ours = Grok.compile(bank, header).matcher();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Outcome es = Outcome.es(esGrok, line);
                bytes.compare("line " + (i + 1), header, line, es,
                        Outcome.ours(ours, buffer.bytes, buffer.start(i), buffer.length(i)));
                strings.compare("line " + (i + 1), header, line, es, Outcome.ours(ours, line));
            }
            for (Tally t : List.of(bytes, strings)) {
                System.out.println(t.summary());
                assertThat(t.differences()).as(t.report()).isEmpty();
                assertThat(t.compared()).isEqualTo(lines.size());
            }
        }
    }

    /**
     * Elasticsearch's ingest processor joins several patterns into one regex ({@code (?:a)|(?:b)}),
     * Logstash and we try them in turn; on these lines the captured values must not tell the
     * difference. The key order may: in the joined regex {@code SYSLOGTIMESTAMP:timestamp} and
     * {@code TIMESTAMP_ISO8601:timestamp} are two groups, so Elasticsearch inserts
     * {@code timestamp} after the fields of the first alternative's groups when the second matches.
     */
    @Test
    void headerAlternativesCaptureAsElasticsearchIngestsCombinedRegex() throws Exception {
        Tally tally = new Tally("headers, ES-ingest combined vs our pattern list", false);
        String combined = GrokPatternSets.esIngestCombined(GrokPatternSets.HEADERS);
        EsGrok esGrok = esBank.compile(combined);
        GrokMatcher ours = Grok.builder(bank).patterns(GrokPatternSets.HEADERS).build().matcher();
        int secondAlternative = 0;
        for (int i = 0; i < lines.size(); i++) {
            tally.compare("line " + (i + 1), combined, lines.get(i), Outcome.es(esGrok, lines.get(i)),
                    Outcome.ours(ours, buffer.bytes, buffer.start(i), buffer.length(i)));
            if (ours.patternIndex() == 1) {
                secondAlternative++;
            }
        }
        System.out.println(tally.summary());
        tally.keyOrderExamples().forEach(System.out::println);
        assertThat(tally.differences()).as(tally.report()).isEmpty();
        // Only lines the second alternative matched may order keys differently.
        assertThat(tally.keyOrderDiffering()).isLessThanOrEqualTo(secondAlternative);
        // Most corpus lines are RFC 3164 syslog; if the header stopped matching, nothing downstream is tested.
        assertThat(tally.count(Outcome.Kind.MATCH)).isGreaterThan(lines.size() * 9 / 10);
    }

    @Test
    void programDispatchCapturesTheSameOnEveryLine() throws Exception {
        Grok header = Grok.builder(bank).patterns(GrokPatternSets.HEADERS).build();
        GrokMatcher headerMatcher = header.matcher();
        EsGrok esHeader = esBank.compile(GrokPatternSets.esIngestCombined(GrokPatternSets.HEADERS));
        Map<Integer, EsGrok> esRoutes = new LinkedHashMap<>();
        Map<Integer, GrokMatcher> ourRoutes = new LinkedHashMap<>();
        for (PostfixGrokDispatch.Route r : dispatch.routes()) {
            if (r.hasGrok()) {
                esRoutes.put(r.index(), esBank.compile(r.grokPattern()));
                ourRoutes.put(r.index(), Grok.compile(bank, r.grokPattern()).matcher());
            }
        }
        ProgramRouter router = new ProgramRouter(dispatch);
        Tally tally = new Tally("program dispatch");
        Map<String, int[]> perRoute = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Map<String, Object> esFields = esHeader.captures(line);
            MatchOutcome ourHeader = headerMatcher.match(buffer.bytes, buffer.start(i), buffer.length(i));
            assertThat(ourHeader == MatchOutcome.MATCHED).as("header on line %d: %s", i + 1, line)
                    .isEqualTo(esFields != null);
            if (esFields == null) {
                continue;
            }
            String program = (String) esFields.get("program");
            int route = router.route(buffer.bytes, headerMatcher.start("program"), headerMatcher.end("program"));
            PostfixGrokDispatch.Route expected = dispatch.route(program);
            assertThat(route).as("route of [%s]", program).isEqualTo(expected == null ? -1 : expected.index());
            if (route < 0 || !dispatch.routes().get(route).hasGrok()) {
                continue;
            }
            String pattern = dispatch.routes().get(route).grokPattern();
            String message = (String) esFields.get("message");
            int from = headerMatcher.start("message");
            int to = headerMatcher.end("message");
            boolean same = tally.compare("line " + (i + 1) + " (" + program + ")", pattern, message,
                    Outcome.es(esRoutes.get(route), message), Outcome.ours(ourRoutes.get(route), buffer.bytes, from, to - from));
            int[] counts = perRoute.computeIfAbsent(pattern, k -> new int[2]);
            counts[0]++;
            if (same && ourRoutes.get(route).outcome() == MatchOutcome.MATCHED) {
                counts[1]++;
            }
        }
        System.out.println(tally.summary());
        perRoute.forEach((p, c) -> System.out.println("  " + p + ": " + c[0] + " lines, " + c[1] + " matched"));
        assertThat(tally.differences()).as(tally.report()).isEmpty();
        // The dispatch must actually reach the postfix patterns, and they must mostly match.
        assertThat(perRoute).containsKeys("^%{POSTFIX_SMTPD}$", "^%{POSTFIX_QMGR}$", "^%{POSTFIX_SMTP}$",
                "^%{POSTFIX_ANVIL}$", "^%{POSTFIX_CLEANUP}$");
        assertThat(tally.count(Outcome.Kind.MATCH)).isGreaterThan(tally.compared() * 9 / 10);
    }

    @Test
    void postfixGrokPatternsTestCasesCaptureTheSame() throws Exception {
        PostfixTestCases cases = PostfixTestCases.read(shared.postfixTestCases());
        List<String> data = cases.cases().stream().map(PostfixTestCases.Case::data).toList();
        LineBuffer caseBuffer = new LineBuffer(data);
        Map<String, EsGrok> esGroks = new LinkedHashMap<>();
        Map<String, GrokMatcher> ours = new LinkedHashMap<>();
        Tally tally = new Tally("postfix-grok-patterns test cases");
        for (int i = 0; i < data.size(); i++) {
            PostfixTestCases.Case c = cases.cases().get(i);
            EsGrok esGrok = esGroks.computeIfAbsent(c.pattern(), esBank::compile);
            GrokMatcher m = ours.computeIfAbsent(c.pattern(), p -> compile(p).matcher());
            Outcome es = Outcome.es(esGrok, c.data());
            tally.compare(c.file(), c.pattern(), c.data(), es,
                    Outcome.ours(m, caseBuffer.bytes, caseBuffer.start(i), caseBuffer.length(i)));
            tally.compare(c.file() + " (String API)", c.pattern(), c.data(), es, Outcome.ours(m, c.data()));
        }
        System.out.println(tally.summary());
        assertThat(tally.differences()).as(tally.report()).isEmpty();
        assertThat(tally.compared()).isEqualTo(2 * data.size()).isGreaterThanOrEqualTo(300);
        assertThat(tally.count(Outcome.Kind.MATCH)).isGreaterThan(tally.compared() * 9 / 10);
        // The cases exercise every pattern the dispatch can pick.
        assertThat(esGroks.keySet()).containsAll(dispatch.grokPatterns());
    }

    private static Grok compile(String pattern) {
        try {
            return Grok.compile(bank, pattern);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
