package dev.mailtrace.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mailtrace.bench.TestData;

/** Every engine is checked against mailtrace on the same lines; a difference is reported, not hidden. */
class EngineAgreementTest {

    private static final Duration TIME = Duration.ofMillis(200);

    @Test
    void theSameExpandedRegexesAgreeOnJavaAndElasticsearch() throws Exception {
        BenchmarkResult r = PatternBenchmark.builder()
                .patterns(List.of("%{SYSLOGBASE} %{WORD:qid}: from=<%{DATA:from}>, size=%{INT:size:int}",
                        "%{SYSLOGBASE} %{GREEDYDATA:message}"))
                .lines(LineSample.of(Lines.mailLog(100))).engines(EnumSet.allOf(Engine.class))
                .esGrokJars(TestData.esGrokDir()).time(TIME).build().profile();
        assertThat(r.engines()).extracting(EngineResult::engine).containsExactly("mailtrace", "jdk", "es-grok");
        for (EngineResult e : r.engines()) {
            assertThat(e.failure()).as(e.engine()).isNull();
            assertThat(e.agreesWithMailtrace()).as(e.engine() + " " + e.examples()).isTrue();
            assertThat(e.matched()).isEqualTo(100);
            assertThat(e.linesPerS()).isPositive();
            assertThat(e.error()).isNotNull();
        }
        assertThat(r.engine("jdk").compared()).isEqualTo(100);
        assertThat(r.engine("es-grok").version()).contains("joni 2.1");
    }

    @Test
    void aRegexThatJavaReadsDifferentlyIsADisagreement() throws Exception {
        // \h is a hex digit in Ruby's (joni's) syntax and horizontal whitespace in java.util.regex.
        BenchmarkResult r = PatternBenchmark.builder().syntax(PatternSyntax.REGEX)
                .patterns(List.of("^(?<hex>\\h+) "))
                .lines(LineSample.of(List.of("deadbeef up", "cafe down", "plain text")))
                .engines(EnumSet.of(Engine.JDK)).time(TIME).build().profile();
        EngineResult jdk = r.engine("jdk");
        assertThat(r.engine("mailtrace").matched()).isEqualTo(2);
        assertThat(jdk.agreesWithMailtrace()).isFalse();
        assertThat(jdk.disagreements()).isEqualTo(2);
        assertThat(jdk.examples().get(0).mailtrace()).isEqualTo("pattern #0 {hex=[deadbeef]}");
        assertThat(jdk.examples().get(0).other()).isEqualTo("no match");
    }

    @Test
    void groupNamesJavaDoesNotAllowAreRenamedAndMappedBack() throws Exception {
        BenchmarkResult r = PatternBenchmark.builder()
                .patterns(List.of("%{WORD:[client][name]} %{INT:[client][port]:int} %{WORD:@metadata} %{WORD:x}"
                        + " %{WORD:x}"))
                .lines(LineSample.of(List.of("mx 25 meta a b"))).engines(EnumSet.of(Engine.JDK)).time(TIME).build()
                .profile();
        assertThat(r.engine("jdk").agreesWithMailtrace()).as("%s", r.engine("jdk").examples()).isTrue();
        assertThat(r.engine("jdk").matched()).isEqualTo(1);
    }

    @Test
    void anEngineThatCannotRunIsReportedAndTheOthersGoOn() throws Exception {
        // Java has no POSIX bracket classes inside classes the way Oniguruma has; an unclosed one fails.
        BenchmarkResult r = PatternBenchmark.builder().syntax(PatternSyntax.REGEX).patterns(List.of("(?<a>x)\\k<a>{"))
                .lines(LineSample.of(List.of("xx{"))).engines(EnumSet.of(Engine.JDK, Engine.ES_GROK))
                .esGrokJars(java.nio.file.Path.of("no-such-dir")).time(TIME).build().profile();
        assertThat(r.engine("mailtrace").failure()).isNull();
        assertThat(r.engine("es-grok").failure()).contains("no-such-dir");
        assertThat(r.engine("es-grok").agreesWithMailtrace()).isFalse();
    }
}
