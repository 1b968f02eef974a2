package dev.mailtrace.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Measure mode runs JMH on the user's patterns and lines (tiny settings: this checks the plumbing). */
class MeasureTest {

    @Test
    void jmhScoresBecomeLinesPerSecondWithErrorAndAllocation() throws Exception {
        // Other JMH runs on a shared machine would make this wait for JMH's lock; the figures do not matter here.
        System.setProperty("jmh.ignoreLock", "true");
        List<String> progress = new ArrayList<>();
        BenchmarkResult r = PatternBenchmark.builder().patterns(List.of("%{SYSLOGBASE} %{GREEDYDATA:message}"))
                .lines(LineSample.of(Lines.mailLog(100))).engines(EnumSet.of(Engine.JDK))
                .time(Duration.ofMillis(400)).progress(progress::add).build()
                .measure(new MeasureOptions(1, 1, 3, List.of("-Xmx256m")));
        assertThat(r.mode()).isEqualTo("measure");
        for (EngineResult e : r.engines()) {
            assertThat(e.failure()).isNull();
            assertThat(e.linesPerS()).as(e.engine()).isGreaterThan(1000);
            assertThat(e.mbPerS()).isCloseTo(e.linesPerS() * r.bytes() / r.lines() / 1e6,
                    org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(e.error()).isNotNull();
            assertThat(e.bytesPerLine()).isNotNull().isGreaterThanOrEqualTo(0);
        }
        assertThat(progress).anyMatch(l -> l.contains("Benchmark") || l.contains("Iteration"));
    }
}
