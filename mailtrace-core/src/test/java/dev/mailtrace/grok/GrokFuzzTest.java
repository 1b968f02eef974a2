package dev.mailtrace.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the grok compiler with random pattern files, patterns and lines: building a bank or a grok
 * either succeeds or throws the documented {@link PatternCompileException} naming the pattern, where
 * it was defined, the column and why — never another exception, never a hang — and a grok that
 * compiles matches any line within its match budget (the regex watchdog), explains it, and reads
 * its captures.
 *
 * <p>An input is three parts separated by lines {@code %%}: a pattern file in Logstash format
 * (layered on the built-in bank), the pattern, and the line to match. Seeds in
 * {@code src/test/resources/dev/mailtrace/grok/GrokFuzzTestInputs}.
 */
class GrokFuzzTest {

    private static final String FILE = "fuzz.grok";
    private static final String SEPARATOR = "\n%%\n";

    @FuzzTest(maxDuration = "2s")
    @Timeout(30)
    @DictionaryEntries({"%{", "}", "%{WORD:w}", "%{INT:n:int}", "%{IP}", "%{GREEDYDATA:rest}", "%{A}", "%{B:b}", "(?<f>",
        ")", "(?:", "[a-z]", ".*", "{2,}", "(?=", "A ", "B ", "%%", "%{X=[a-z]+}"})
    void compilesOrFailsWithItsLocation(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int fileEnd = text.indexOf(SEPARATOR);
        String rest = fileEnd < 0 ? "" : text.substring(fileEnd + SEPARATOR.length());
        int patternEnd = rest.indexOf(SEPARATOR);
        String file = fileEnd < 0 ? text : text.substring(0, fileEnd);
        String pattern = patternEnd < 0 ? rest : rest.substring(0, patternEnd);
        String line = patternEnd < 0 ? "" : rest.substring(patternEnd + SEPARATOR.length());
        PatternBank bank;
        try {
            bank = PatternBank.builder().addBuiltin().addPatterns(new StringReader(file), FILE).build();
        } catch (PatternCompileException e) {
            assertLocated(e, file, pattern);
            return;
        } catch (IOException e) {
            throw new AssertionError("a string cannot fail to read", e);
        }
        Grok grok;
        try {
            grok = Grok.builder(bank).pattern(pattern).matchTimeout(Duration.ofMillis(100)).build();
        } catch (PatternCompileException e) {
            assertLocated(e, file, pattern);
            return;
        }
        GrokMatcher m = grok.matcher();
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        MatchOutcome outcome = m.match(bytes, 0, bytes.length);
        if (outcome == MatchOutcome.MATCHED) {
            assertThat(m.toMap()).isNotNull();
        }
        assertThat(grok.explain(line)).hasSize(1);
    }

    /** Found by fuzzing: each definition doubling the last exhausted the heap (24 levels: 16 M characters). */
    @Test
    void boundsTheExpansionOfDoublingReferences() throws Exception {
        StringBuilder file = new StringBuilder("P0 a\n");
        for (int i = 1; i <= 40; i++) {
            file.append('P').append(i).append(" %{P").append(i - 1).append("}%{P").append(i - 1).append("}\n");
        }
        PatternBank bank = PatternBank.builder().addPatterns(new StringReader(file.toString()), FILE).build();
        assertThatThrownBy(() -> Grok.compile(bank, "%{P40}")).isInstanceOf(PatternCompileException.class)
                .hasMessage("pattern [P17] (fuzz.grok:18) column 7: expands to more than 1048576 characters of regex"
                        + " at %{P16} (references nested too deep)");
        assertThat(Grok.compile(bank, "^%{P10:p}$").captures("a".repeat(1024))).isPresent();
    }

    /** Found by fuzzing: joni's parser overflowed the stack on a few thousand nested groups. */
    @Test
    void boundsTheNestingOfGroups() throws Exception {
        String deep = "(".repeat(2000) + "a" + ")".repeat(2000);
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), deep)).isInstanceOf(PatternCompileException.class)
                .hasMessage("pattern: groups or character classes nested deeper than 500 (references expanded)");
        String ok = "(?:".repeat(500) + "a" + ")".repeat(500);
        assertThat(Grok.compile(PatternBank.builtin(), ok).captures("a")).isPresent();
        assertThat(Grok.compile(PatternBank.builtin(), "[(]{600}\\(").captures("(".repeat(601))).isPresent();
    }

    /**
     * Found by fuzzing (seed {@code comment-hiding-a-class}): a {@code [} inside a comment group made
     * the nesting count take everything after it for a class and count no groups, and joni's parser
     * overflowed the stack on the groups it did see.
     */
    @Test
    void aCommentHidesNoNesting() throws Exception {
        String deep = "(?#[)" + "(".repeat(3000) + "a" + ")".repeat(3000);
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), deep)).isInstanceOf(PatternCompileException.class)
                .hasMessage("pattern: groups or character classes nested deeper than 500 (references expanded)");
        // an extended-mode comment hides its '[' from the count too: joni's stack overflow is the backstop,
        // a bad pattern (located by the structure scan, which reads the '[' as a class), not a crash
        String extended = "(?x)#[\n" + "(".repeat(100_000) + "a" + ")".repeat(100_000);
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), extended)).isInstanceOf(PatternCompileException.class)
                .hasMessageStartingWith("pattern column 6: invalid regex");
    }

    /** Found by fuzzing (seed {@code non-ascii-property-name}): jcodings' own exception, not joni's. */
    @Test
    void reportsAnUnknownNonAsciiCharacterPropertyAsABadPattern() {
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), "a\\p{\u00e4ir}b")).isInstanceOf(PatternCompileException.class)
                .hasMessage("pattern column 2: invalid regex at [\\p{\u00e4ir}]: invalid character property name <\u00e4ir>");
    }

    /**
     * Found by fuzzing (seed {@code nested-classes}): a malformed reference kept as text, {@code %{[a-z.*P16}},
     * opens a class that nothing closes; doubled a dozen times its {@code [}s nest 8,192 deep and
     * joni's parser, which recurses per class in a class, overflowed the stack.
     */
    @Test
    void boundsTheNestingOfCharacterClasses() throws Exception {
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), "[a" + "[b".repeat(3000) + "]".repeat(3001)))
                .isInstanceOf(PatternCompileException.class)
                .hasMessage("pattern: groups or character classes nested deeper than 500 (references expanded)");
        assertThat(Grok.compile(PatternBank.builtin(), "(?:" + "[a".repeat(400) + "]".repeat(400) + ")").captures("a")).isPresent();
    }

    /** Found by fuzzing: a group name whose {@code >} lies after the group's end made the error report fail. */
    @Test
    void reportsAGroupNameNotClosedInsideItsGroup() {
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), "x(?<pair[a-z])y>"))
                .isInstanceOf(PatternCompileException.class).hasMessageStartingWith("pattern column 2: invalid regex at [(?<pair[a-z])]");
    }

    /** Found by fuzzing: a '$' in a bad group name made joni's error message throw (IndexOutOfBounds, IllegalArgument). */
    @Test
    void reportsABadGroupNameWithADollar() {
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), "x\\k<a$1>")).isInstanceOf(PatternCompileException.class)
                .hasMessageStartingWith("pattern column 2: invalid regex at [\\k<a$1>]: invalid group name or reference");
        assertThatThrownBy(() -> Grok.compile(PatternBank.builtin(), "x\\k<a$>")).isInstanceOf(PatternCompileException.class)
                .hasMessageStartingWith("pattern column 2: invalid regex at [\\k<a$>]: invalid group name or reference");
    }

    /**
     * Found by fuzzing (in CI): joni's analyser threw a NullPointerException on the back-reference of
     * {@code C (?<pair>%{B})\k<pair>} within this input's pattern; now a located PatternCompileException.
     */
    @Test
    void reportsABackReferenceJoniCannotCompile() throws IOException {
        byte[] input;
        try (var in = GrokFuzzTest.class.getResourceAsStream("GrokFuzzTestInputs/compilesOrFailsWithItsLocation/backref-joni-npe")) {
            input = in.readAllBytes();
        }
        compilesOrFailsWithItsLocation(input);
    }

    /**
     * The exception names where the problem is: a definition of the file by its line (and a column
     * within that line), the pattern itself by a column within it.
     */
    private static void assertLocated(PatternCompileException e, String file, String pattern) {
        String what = e.getMessage();
        assertThat(e.reason()).as("reason of [%s]", what).isNotBlank();
        assertThat(what).endsWith(e.reason());
        assertThat(e.column()).as("column of [%s]", what).isNotZero().isGreaterThanOrEqualTo(-1);
        if (e.origin() != null && e.origin().startsWith(FILE + ":")) {
            List<String> lines = file.lines().toList();
            int line = Integer.parseInt(e.origin().substring(FILE.length() + 1));
            assertThat(line).as("line of [%s]", what).isBetween(1, lines.size());
            assertThat(e.column()).as("column of [%s]", what).isLessThanOrEqualTo(lines.get(line - 1).length() + 1);
        } else if (e.patternName() == null) {
            assertThat(e.column()).as("column of [%s] in [%s]", what, pattern).isLessThanOrEqualTo(pattern.length() + 1);
        } else {
            assertThat(e.origin()).as("origin of [%s]", what).startsWith("builtin");
        }
    }
}
