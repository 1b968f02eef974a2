package dev.mailtrace.grok;

import java.util.List;

import org.joni.Regex;

/**
 * Finds a trailing {@code .*} (typically {@code %{GREEDYDATA:message}} at the end of a pattern) that
 * can be left out of the regex and computed directly, because it cannot change the match.
 *
 * <p>Why it is exact: in {@code P(?<m>.*)$?} nothing follows the {@code .*} that could fail, so
 * the leftmost-first match of the whole regex is the leftmost-first match of {@code P}, followed by
 * {@code .*}, which takes everything up to the next newline. Joni's {@code .*} walks characters
 * one by one, pushing a backtrack entry for each — about a third of a syslog header grok's time —
 * where finding the line's end is a byte scan. Only ASCII tails are computed this way (on other
 * bytes joni's character decoding decides where {@code .*} stops, so the matcher falls back to
 * the whole regex).
 */
final class TailElision {

    /** The tail found: where it starts in the regex text and its capture group (-1 if none). */
    record Tail(String prefix, int group) {
    }

    private TailElision() {
    }

    /**
     * The tail of {@code regexText}, or null if it has none that can be elided.
     *
     * @param full the compiled whole regex, for its group numbering
     */
    static Tail find(String regexText, Regex full) {
        if (regexText.contains("\\k") || regexText.contains("\\g")) {
            return null; // back-references and subroutine calls could refer to the tail
        }
        List<List<RegexStructure.Atom>> alternatives;
        try {
            alternatives = RegexStructure.alternatives(regexText);
        } catch (RegexStructure.BrokenStructure e) {
            return null;
        }
        if (alternatives.size() != 1) {
            return null;
        }
        List<RegexStructure.Atom> atoms = alternatives.get(0);
        int last = atoms.size() - 1;
        if (last >= 0 && atoms.get(last).text().equals("$")) {
            last--;
        }
        if (last < 1) {
            return null; // nothing before the tail: not worth it
        }
        RegexStructure.Atom tail = atoms.get(last);
        String text = tail.text();
        int group;
        if (text.equals(".*")) {
            group = -1;
        } else if (tail.kind() == RegexStructure.Kind.GROUP && !tail.quantified() && ".*".equals(tail.body())
                && (text.startsWith("(?<") || text.startsWith("(?:"))) {
            group = text.startsWith("(?<") ? full.numberOfCaptures() : -1;
        } else {
            return null;
        }
        String prefix = regexText.substring(0, tail.start());
        Regex prefixRegex = Grok.compileRegex(prefix);
        // The tail group must be the last group: the prefix keeps every other group's number.
        int expected = group < 0 ? full.numberOfCaptures() : full.numberOfCaptures() - 1;
        if (prefixRegex.numberOfCaptures() != expected) {
            return null;
        }
        return new Tail(prefix, group);
    }
}
