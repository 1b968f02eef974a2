package dev.mailtrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mailtrace.bench.es.EsGrok;
import dev.mailtrace.bench.es.EsGrokEngine;
import dev.mailtrace.bench.es.EsPatternBank;
import dev.mailtrace.grok.Grok;
import dev.mailtrace.grok.GrokMatcher;
import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternCompileException;

/**
 * Every named pattern of the legacy (with postfix) and ecs-v1 banks, alone and unanchored
 * ({@code %{NAME}}), in both engines over a sample of the corpus lines. Searching each pattern
 * anywhere in lines it was not written for reaches corners the header-and-dispatch flow does not:
 * other start positions, fields captured several times (the order of list values), typed captures
 * (ecs-v1's {@code :int}).
 *
 * <p>The sample, to keep the run near half a minute on two cores, is deterministic: every line of
 * the small corpora (fail2ban's many formats, log-ship-elastic-postfix) and every
 * {@value #STRIDE}th line of postfix_log_analysis, whose lines the dispatch test covers in full.
 *
 * <p>A few of these patterns backtrack for long on some lines: ecs-v1's {@code URI} (its
 * {@code URIPROTO} is {@code [A-Za-z]([A-Za-z0-9+\-.]+)+}) takes half a second on some lines
 * with a URL and runs away on others, in both engines. Wall-clock budgets under parallel load do
 * not run out at the same moment in both engines (Elasticsearch's watchdog interrupts between one
 * and two intervals late), so a pair where only one side timed out is run again alone with a
 * {@value #PATIENT_SECONDS} s budget on both sides, and compared then; a timeout on both sides
 * counts as agreement.
 */
class PatternByPatternDifferentialTest {

    static final int STRIDE = 10;
    static final int PATIENT_SECONDS = 5;

    private static SharedData shared;
    private static EsGrokEngine es;
    private static EsGrokEngine patientEs;
    private static List<String> lines;
    private static LineBuffer buffer;

    /** A comparison to repeat with patient budgets. */
    private record Retry(String pattern, int line) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        shared = TestData.shared();
        es = EsGrokEngine.load(TestData.esGrokDir());
        patientEs = EsGrokEngine.load(TestData.esGrokDir(), Duration.ofMillis(100), Duration.ofSeconds(PATIENT_SECONDS));
        lines = sample(shared);
        buffer = new LineBuffer(lines);
    }

    static List<String> sample(SharedData shared) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : shared.logFiles()) {
            boolean big = f.endsWith(Path.of("postfix_log_analysis", "mail.log"));
            List<String> all = Files.readAllLines(f);
            for (int i = 0; i < all.size(); i += big ? STRIDE : 1) {
                String line = all.get(i);
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        }
        out.addAll(CorpusDifferentialTest.EXTRA_LINES);
        return out;
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (es != null) {
            es.close();
        }
        if (patientEs != null) {
            patientEs.close();
        }
    }

    @Test
    void everyLegacyAndPostfixPatternCapturesTheSame() throws Exception {
        compareAll("legacy + postfix", GrokPatternSets.legacyWithPostfix(shared));
    }

    @Test
    void everyEcsV1PatternCapturesTheSame() throws Exception {
        compareAll("ecs-v1", GrokPatternSets.ecsV1(shared));
    }

    private void compareAll(String name, PatternBank bank) throws Exception {
        EsPatternBank esBank = es.patternBank(GrokPatternSets.definitions(bank));
        ConcurrentLinkedQueue<Tally> tallies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> compileMismatches = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Retry> retries = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        // An ArrayList splits evenly across the common pool; a LinkedHashMap key set would not split at all.
        new ArrayList<>(bank.names()).parallelStream().forEach(patternName -> {
            String pattern = "%{" + patternName + "}";
            GrokMatcher ours = compileOurs(bank, pattern, Grok.DEFAULT_MATCH_TIMEOUT);
            EsGrok esGrok = compileEs(esBank, pattern);
            if (ours == null || esGrok == null) {
                if ((ours == null) != (esGrok == null)) {
                    compileMismatches.add(pattern + ": compiles in " + (ours == null ? "Elasticsearch only" : "mailtrace only"));
                }
                return;
            }
            Tally tally = new Tally(pattern);
            for (int i = 0; i < lines.size(); i++) {
                Outcome e = Outcome.es(esGrok, lines.get(i));
                Outcome o = Outcome.ours(ours, buffer.bytes, buffer.start(i), buffer.length(i));
                if (e.kind() != o.kind() && (e.kind() == Outcome.Kind.TIMEOUT || o.kind() == Outcome.Kind.TIMEOUT)) {
                    retries.add(new Retry(pattern, i));
                } else {
                    tally.compare("line " + (i + 1), pattern, lines.get(i), e, o);
                }
            }
            tallies.add(tally);
        });
        Tally patient = new Tally(name + ", timed-out pairs again with " + PATIENT_SECONDS + " s budgets");
        EsPatternBank patientBank = patientEs.patternBank(GrokPatternSets.definitions(bank));
        for (Retry r : retries) {
            GrokMatcher ours = compileOurs(bank, r.pattern, Duration.ofSeconds(PATIENT_SECONDS));
            EsGrok esGrok = compileEs(patientBank, r.pattern);
            String line = lines.get(r.line);
            patient.compare("line " + (r.line + 1), r.pattern, line, Outcome.es(esGrok, line),
                    Outcome.ours(ours, buffer.bytes, buffer.start(r.line), buffer.length(r.line)));
        }
        tallies.add(patient);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        int compared = tallies.stream().mapToInt(Tally::compared).sum();
        int matched = tallies.stream().mapToInt(t -> t.count(Outcome.Kind.MATCH)).sum();
        List<String> differences = new ArrayList<>();
        tallies.stream().filter(t -> t.differing() > 0).forEach(t -> differences.add(t.report()));
        int timedOut = tallies.stream().mapToInt(t -> t.count(Outcome.Kind.TIMEOUT)).sum();
        System.out.printf("%s: %d patterns x %d lines = %d compared, %d matched in both, %d timed out in both,"
                        + " %d timed out on one side and were compared again, %d patterns differ, %d ms%n",
                name, bank.size(), lines.size(), compared, matched, timedOut, retries.size(),
                differences.size(), ms);
        assertThat(compileMismatches).isEmpty();
        assertThat(differences).isEmpty();
        assertThat(tallies).hasSize(bank.size() + 1);
        assertThat(compared).isEqualTo(bank.size() * lines.size());
    }

    private static GrokMatcher compileOurs(PatternBank bank, String pattern, Duration budget) {
        try {
            return Grok.builder(bank).pattern(pattern).matchTimeout(budget).build().matcher();
        } catch (PatternCompileException e) {
            return null;
        }
    }

    private static EsGrok compileEs(EsPatternBank bank, String pattern) {
        try {
            return bank.compile(pattern);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
