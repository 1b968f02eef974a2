package dev.mailtrace.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The JSON contract reads back, and a baseline comparison flags only regressions beyond the noise. */
class BaselineTest {

    @Test
    void jsonHasTheContractsFieldsAndReadsBack() throws Exception {
        BenchmarkResult r = PatternBenchmark.builder().patterns(List.of("%{SYSLOGBASE} %{GREEDYDATA:m}", "^.*.*x{9}"))
                .lines(LineSample.of(Lines.mailLog(50))).time(Duration.ofMillis(200)).top(2).build().profile();
        String json = r.toJson();
        assertThat(json).startsWith("{\"engines\":[{\"engine\":\"mailtrace\",\"lines\":50,\"matched\":50,\"lines_per_s\":")
                .contains("\"mb_per_s\":", "\"error\":", "\"agrees_with_mailtrace\":true",
                        "\"patterns\":[{\"index\":0,\"pattern\":\"%{SYSLOGBASE} %{GREEDYDATA:m}\",\"attempts\":50,"
                                + "\"matches\":50,\"time_share\":",
                        "\"ns_per_attempt\":", "\"timeouts\":0,\"warnings\":[", "\"slowest_lines\":[{\"line\":",
                        "\"environment\":{\"jdk\":", "\"os\":", "\"cpu\":", "\"cores\":");
        BenchmarkResult back = BenchmarkResult.fromJson(json);
        assertThat(back.engines().get(0).linesPerS()).isEqualTo(r.engines().get(0).linesPerS());
        assertThat(back.patterns()).extracting(PatternProfile::pattern).containsExactly(
                "%{SYSLOGBASE} %{GREEDYDATA:m}", "^.*.*x{9}");
        assertThat(Baseline.regressions(r, back)).isEmpty();
    }

    @Test
    void aDropBeyondBothIntervalsIsARegressionAndOneWithinThemIsNot() {
        BenchmarkResult then = result(1_000_000, 20_000, 500, 10);
        assertThat(Baseline.regressions(result(900_000, 20_000, 500, 10), then)).singleElement().asString()
                .startsWith("engine mailtrace: 900000 ± 20000 lines/s, was 1000000 ± 20000 (10.0% slower)");
        assertThat(Baseline.regressions(result(970_000, 20_000, 500, 10), then)).isEmpty();
        assertThat(Baseline.regressions(result(1_000_000, 20_000, 600, 10), then)).singleElement().asString()
                .startsWith("pattern #0 [p]: 600 ± 10 ns per attempt, was 500 ± 10");
        // Faster is never a regression.
        assertThat(Baseline.regressions(result(2_000_000, 20_000, 100, 10), then)).isEmpty();
    }

    @Test
    void somethingElseIsNotABaseline() {
        assertThatThrownBy(() -> BenchmarkResult.fromJson("{\"x\":1}")).hasMessageContaining("\"engines\"");
        assertThatThrownBy(() -> BenchmarkResult.fromJson("{")).hasMessageContaining("not JSON");
    }

    private static BenchmarkResult result(double linesPerS, double error, double ns, double nsError) {
        return new BenchmarkResult("profile", "grok", "first_match", 1000, 10, 10, 100,
                List.of(new EngineResult("mailtrace", "v", 10, 10, 10, 0, linesPerS, 1, error, null, true, 10, 0, List.of(),
                        null)),
                List.of(new PatternProfile(0, "p", 10, 10, 0, 1, ns, nsError, ns, List.of())), List.of(), null, null,
                List.of(), Environment.current());
    }
}
