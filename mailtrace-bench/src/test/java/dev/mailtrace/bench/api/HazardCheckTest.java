package dev.mailtrace.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.mailtrace.grok.PatternBank;

/** The static check: the three shapes are found, the usual safe patterns are not flagged. */
class HazardCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"^(\\S+\\s?)*\\s$", "^(\\w+\\s?)*$", "(a+)+b", "^(?:[a-z]+[0-9]*)+!"})
    void nestedQuantifiers(String regex) {
        assertThat(HazardCheck.check(regex)).extracting(HazardCheck.Finding::kind)
                .containsExactly(PatternWarning.NESTED_QUANTIFIERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"^(\\w|\\d)+$", "^(?:\\d|\\d\\d)*x"})
    void overlappingAlternatives(String regex) {
        assertThat(HazardCheck.check(regex)).extracting(HazardCheck.Finding::kind)
                .containsExactly(PatternWarning.OVERLAPPING_ALTERNATIVES);
    }

    @Test
    void greedyWildcardsInARowBeforeSomethingThatCanFail() {
        assertThat(HazardCheck.check("^.*.*[0-9]{25}")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(PatternWarning.GREEDY_WILDCARDS);
            assertThat(f.degree()).isEqualTo(2);
        });
        assertThat(HazardCheck.check("(?<a>.*?) (?<b>.*?) (?<c>\\S+)x")).extracting(HazardCheck.Finding::degree)
                .containsExactly(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"^(\\S+\\s)*$", "(?:\\w+\\.)*\\w+", "^(?>\\w+\\s?)*$", "^(\\w++\\s?)*$", "(?:ab|ac)*d",
        "^.*", "%{ignored} .* x", "\\d+\\.\\d+", "^[^ ]+ .*$"})
    void safeShapesAreNotFlagged(String regex) {
        assertThat(HazardCheck.check(regex)).isEmpty();
    }

    @Test
    void theBuiltInHeaderPatternIsNotFlagged() throws Exception {
        PatternBenchmark b = PatternBenchmark.builder().patterns(List.of("%{SYSLOGBASE} %{GREEDYDATA:message}"))
                .lines(LineSample.of(List.of("x"))).build();
        assertThat(HazardCheck.check(b.set.provenance(0).regex())).isEmpty();
    }

    @Test
    void aWarningNamesTheDefinitionItCameFromAsWritten() throws Exception {
        // (The built-in WORD, \b\w++\b, is possessive and safe in a loop; a user's letters are not.)
        PatternBank bank = PatternBank.builtin().toBuilder().add("LETTERS", "[A-Za-z]+")
                .add("WORDS", "(%{LETTERS}\\s?)*").build();
        PatternBenchmark b = PatternBenchmark.builder().bank(bank).patterns(List.of("^%{WORDS:words}$"))
                .lines(LineSample.of(List.of("Supercalifragilisticexpialidocious" + "x".repeat(20) + "!")))
                .matchTimeout(Duration.ofMillis(20)).build();
        assertThat(b.warnings().get(0)).singleElement().satisfies(w -> {
            assertThat(w.from()).isEqualTo("pattern #0 > %{WORDS}");
            assertThat(w.subPattern()).isEqualTo("(%{LETTERS}\\s?)*");
            assertThat(w.confirmed()).as(w.describe()).isTrue();
            assertThat(w.evidence()).contains("20 ms match budget");
        });
    }
}
