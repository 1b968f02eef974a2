package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailtrace.grok.PatternBank;
import dev.mailtrace.grok.PatternDefinition;

/**
 * A grok pattern expanded into one regex (every reference as a group around its definition, as
 * the grok expander does) that remembers where each part of the regex was written: so a span of
 * the expanded regex can be shown as the user wrote it, in the pattern or in the definition of the
 * {@code %{NAME}} it came from.
 */
final class Provenance {

    private static final Pattern REFERENCE = Pattern.compile("%\\{(\\w+)(?:=([^}]*)|(?::[^:}]+(?::\\w+)?))?}");
    private static final int MAX_DEPTH = 64;

    /** One expanded piece of text: the pattern itself or a definition, and its references. */
    static final class Expansion {
        final String label;
        final String written;
        final int start;
        int end;
        final List<Expansion> children = new ArrayList<>();
        /** Per child: where its reference is written in {@link #written}. */
        final List<int[]> childRefs = new ArrayList<>();
        /** Pieces of {@code written} copied to the output: {expandedStart, writtenStart, length}. */
        final List<int[]> literals = new ArrayList<>();

        Expansion(String label, String written, int start) {
            this.label = label;
            this.written = written;
            this.start = start;
        }
    }

    private final String regex;
    private final Expansion root;

    private Provenance(String regex, Expansion root) {
        this.regex = regex;
        this.root = root;
    }

    /** Expands {@code pattern}; references not in {@code bank} stay literal (the grok has compiled, so there are none). */
    static Provenance expand(String pattern, PatternBank bank, String label) {
        StringBuilder out = new StringBuilder();
        Expansion root = new Expansion(label, pattern, 0);
        append(out, root, bank, 0);
        root.end = out.length();
        return new Provenance(out.toString(), root);
    }

    /** A plain regex: no references. */
    static Provenance literal(String regex, String label) {
        Expansion root = new Expansion(label, regex, 0);
        root.literals.add(new int[] {0, 0, regex.length()});
        root.end = regex.length();
        return new Provenance(regex, root);
    }

    private static void append(StringBuilder out, Expansion e, PatternBank bank, int depth) {
        Matcher m = REFERENCE.matcher(e.written);
        int last = 0;
        while (m.find()) {
            String inline = m.group(2);
            PatternDefinition d = inline == null ? bank.get(m.group(1)) : null;
            if ((inline == null && d == null) || depth > MAX_DEPTH) {
                continue;
            }
            literal(out, e, last, m.start());
            out.append("(?:");
            Expansion child = new Expansion("%{" + m.group(1) + "}", inline != null ? inline : d.regex(), out.length());
            if (inline != null) {
                child.literals.add(new int[] {out.length(), 0, inline.length()});
                out.append(inline);
            } else {
                append(out, child, bank, depth + 1);
            }
            child.end = out.length();
            out.append(')');
            e.children.add(child);
            e.childRefs.add(new int[] {m.start(), m.end()});
            last = m.end();
        }
        literal(out, e, last, e.written.length());
    }

    private static void literal(StringBuilder out, Expansion e, int from, int to) {
        if (to > from) {
            e.literals.add(new int[] {out.length(), from, to - from});
            out.append(e.written, from, to);
        }
    }

    /** The expanded regex. */
    String regex() {
        return regex;
    }

    /**
     * Where {@code [start, end)} of the expanded regex was written: the innermost pattern or
     * definition holding all of it, and the span in its own text, with nested references shown as
     * written ({@code %{WORD}}) rather than expanded.
     *
     * @return {label path, text as written}
     */
    String[] written(int start, int end) {
        Expansion e = root;
        StringBuilder path = new StringBuilder(root.label);
        outer:
        while (true) {
            for (Expansion c : e.children) {
                if (c.start <= start && end <= c.end) {
                    e = c;
                    path.append(" > ").append(c.label);
                    continue outer;
                }
            }
            break;
        }
        int from = writtenOffset(e, start, true);
        int to = writtenOffset(e, end, false);
        String text = from <= to ? e.written.substring(from, to) : regex.substring(start, end);
        return new String[] {path.toString(), text};
    }

    private static int writtenOffset(Expansion e, int expanded, boolean isStart) {
        for (int[] l : e.literals) {
            if (expanded >= l[0] && expanded <= l[0] + l[2]) {
                return l[1] + (expanded - l[0]);
            }
        }
        for (int i = 0; i < e.children.size(); i++) {
            Expansion c = e.children.get(i);
            // Inside a child's "(?:" ... ")": the whole reference as written.
            if (expanded >= c.start - 3 && expanded <= c.end + 1) {
                return isStart ? e.childRefs.get(i)[0] : e.childRefs.get(i)[1];
            }
        }
        return isStart ? 0 : e.written.length();
    }
}
