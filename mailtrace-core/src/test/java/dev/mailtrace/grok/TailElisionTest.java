package dev.mailtrace.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A trailing {@code %{GREEDYDATA}} is computed instead of matched; the captures must be exactly
 * those of the whole regex, which the same pattern wrapped in a group (not elidable) gives.
 */
class TailElisionTest {

    private static final List<byte[]> LINES = List.of(
            ascii("mx1 postfix/smtpd: connect from x[1.2.3.4]"),
            ascii("mx1 "),
            ascii("mx1 two\nlines"),
            ascii("  leading spaces then words"),
            "mx1 gr\u00fc\u00dfe aus K\u00f6ln".getBytes(StandardCharsets.UTF_8),
            new byte[] {'m', 'x', ' ', 'a', (byte) 0xE2, (byte) 0x82},
            new byte[] {'m', 'x', ' ', (byte) 0xFF, 'b', '\n', 'c'},
            ascii("no-space-at-all"));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void elidesTrailingGreedyDataAndKeepsTheCaptures() throws Exception {
        for (String pattern : List.of("%{WORD:host} %{GREEDYDATA:rest}", "^%{WORD:host} %{GREEDYDATA:rest}$",
                "%{WORD:x} %{GREEDYDATA:x}", "%{WORD:host} .*", "%{WORD:host} (?:.*)$")) {
            Grok elided = Grok.compile(GrokTest.bank(), pattern);
            Grok whole = Grok.compile(GrokTest.bank(), "(?:" + pattern + ")");
            assertThat(elided.compiled()[0].tail()).as(pattern).isTrue();
            assertThat(whole.compiled()[0].tail()).isFalse();
            GrokMatcher a = elided.matcher();
            GrokMatcher b = whole.matcher();
            for (byte[] line : LINES) {
                byte[] buf = new byte[line.length + 6];
                System.arraycopy(line, 0, buf, 3, line.length);
                assertThat(a.match(buf, 3, line.length)).isEqualTo(b.match(buf, 3, line.length));
                String what = pattern + " on " + new String(line, StandardCharsets.UTF_8);
                assertThat(a.toMap()).as(what).isEqualTo(b.toMap());
                assertThat(a.matchEnd(0)).as(what).isEqualTo(b.matchEnd(0));
                assertThat(a.matchStart(0)).as(what).isEqualTo(b.matchStart(0));
            }
        }
    }

    @Test
    void leavesOtherShapesAlone() throws Exception {
        for (String pattern : List.of("%{GREEDYDATA:all}", "%{WORD:a}|%{GREEDYDATA:b}", "%{WORD:a} (.*)?",
                "%{WORD:a} %{GREEDYDATA:b} end", "%{WORD:a} %{DATA:b}")) {
            assertThat(Grok.compile(GrokTest.bank(), pattern).compiled()[0].tail()).as(pattern).isFalse();
        }
    }

    /**
     * Found by fuzzing (seed {@code literal-reference-text}): malformed references kept as literal
     * text, {@code %{...}}, doubled a dozen times, hid {@code )}s from the structure scan, whose
     * recursion then overflowed the stack where joni saw no deep nesting.
     */
    @Test
    void deeplyNestedTextIsBrokenStructureNotAStackOverflow() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegexStructure.alternatives("(".repeat(5000) + ")".repeat(5000)))
                .isInstanceOf(RegexStructure.BrokenStructure.class).hasMessageContaining("nested deeper than 500");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegexStructure.alternatives("[".repeat(5000) + "]".repeat(5000)))
                .isInstanceOf(RegexStructure.BrokenStructure.class).hasMessageContaining("nested deeper than 500");
    }
}
