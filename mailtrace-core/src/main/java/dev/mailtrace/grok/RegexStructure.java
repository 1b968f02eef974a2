package dev.mailtrace.grok;

import java.util.ArrayList;
import java.util.List;

/**
 * The top-level structure of grok text: its alternatives ({@code a|b}) and, in each, the sequence
 * of atoms (a literal run, a character class, a group, a reference, an anchor), each with its
 * quantifier. Explain mode walks this structure to find how far a line gets; error reporting uses
 * it to find the column of an unbalanced group.
 *
 * <p>It knows Oniguruma's Ruby syntax only as far as needed to find atom boundaries; it never
 * decides what matches.
 */
final class RegexStructure {

    private RegexStructure() {
    }

    enum Kind { LITERAL, CLASS, GROUP, REFERENCE, ESCAPE, OTHER }

    /**
     * One atom.
     *
     * @param text the atom as written, quantifier included
     * @param start 0-based offset in the scanned text
     * @param kind what it is
     * @param quantified whether a quantifier follows it
     * @param body for a plain, non-capturing, named or atomic group: the text inside; else null
     * @param bodyStart offset of {@code body} in the scanned text, or -1
     */
    record Atom(String text, int start, Kind kind, boolean quantified, String body, int bodyStart) {
    }

    /** Thrown for text whose structure is broken (unbalanced group or class). */
    static final class BrokenStructure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int offset;

        BrokenStructure(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /** Splits {@code text} into top-level alternatives of atoms. */
    static List<List<Atom>> alternatives(String text) {
        List<List<Atom>> alts = new ArrayList<>();
        List<Atom> current = new ArrayList<>();
        int i = 0;
        int n = text.length();
        int literalStart = -1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '|') {
                flushLiteral(text, literalStart, i, current);
                literalStart = -1;
                alts.add(current);
                current = new ArrayList<>();
                i++;
                continue;
            }
            if (c == ')') {
                throw new BrokenStructure(i, "unmatched close parenthesis");
            }
            int end = atomEnd(text, i);
            int qEnd = quantifierEnd(text, end);
            Kind kind = kindOf(text, i);
            if (kind == Kind.LITERAL && qEnd == end) {
                if (literalStart < 0) {
                    literalStart = i;
                }
                i = end;
                continue;
            }
            flushLiteral(text, literalStart, i, current);
            literalStart = -1;
            String body = null;
            int bodyStart = -1;
            if (kind == Kind.GROUP) {
                bodyStart = groupBodyStart(text, i, end);
                if (bodyStart >= 0) {
                    body = text.substring(bodyStart, end - 1);
                }
            }
            current.add(new Atom(text.substring(i, qEnd), i, kind, qEnd > end, body, bodyStart));
            i = qEnd;
        }
        flushLiteral(text, literalStart, n, current);
        alts.add(current);
        return alts;
    }

    private static void flushLiteral(String text, int start, int end, List<Atom> out) {
        if (start >= 0 && end > start) {
            out.add(new Atom(text.substring(start, end), start, Kind.LITERAL, false, null, -1));
        }
    }

    private static Kind kindOf(String text, int i) {
        char c = text.charAt(i);
        switch (c) {
            case '(': return Kind.GROUP;
            case '[': return Kind.CLASS;
            case '\\': return Kind.ESCAPE;
            case '^': case '$': case '.': return Kind.OTHER;
            case '%': return text.startsWith("%{", i) ? Kind.REFERENCE : Kind.LITERAL;
            default: return Kind.LITERAL;
        }
    }

    /**
     * For a group we can descend into, the offset of its body; -1 for lookarounds, options, comments,
     * and a name whose {@code >} is not inside the group ({@code (?<a[b])c>}, found by fuzzing).
     */
    private static int groupBodyStart(String text, int open, int end) {
        if (!text.startsWith("(?", open)) {
            return open + 1;
        }
        if (text.startsWith("(?:", open) || text.startsWith("(?>", open)) {
            return open + 3;
        }
        if (text.startsWith("(?<", open) && open + 3 < text.length()
                && text.charAt(open + 3) != '=' && text.charAt(open + 3) != '!') {
            int close = text.indexOf('>', open + 3);
            return close < 0 || close >= end - 1 ? -1 : close + 1;
        }
        return -1;
    }

    /** End (exclusive) of the atom starting at {@code i}, quantifier excluded. */
    static int atomEnd(String text, int i) {
        return atomEnd(text, i, 0);
    }

    /**
     * As {@link #atomEnd(String, int)}, {@code depth} groups and classes in: deeper than
     * {@link Grok#MAX_NESTING} is broken structure (the scan recurses per level, and text that joni
     * never saw so nested, such as a {@code %{...}} hiding a {@code )}, must not overflow the stack).
     */
    private static int atomEnd(String text, int i, int depth) {
        if (depth > Grok.MAX_NESTING) {
            throw new BrokenStructure(i, "groups or character classes nested deeper than " + Grok.MAX_NESTING);
        }
        char c = text.charAt(i);
        switch (c) {
            case '\\':
                return escapeEnd(text, i);
            case '[':
                return classEnd(text, i, depth + 1);
            case '(':
                return groupEnd(text, i, depth + 1);
            case '%':
                if (text.startsWith("%{", i)) {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw new BrokenStructure(i, "unclosed pattern reference");
                    }
                    return close + 1;
                }
                return i + 1;
            default:
                return i + Character.charCount(text.codePointAt(i));
        }
    }

    private static int escapeEnd(String text, int i) {
        int n = text.length();
        if (i + 1 >= n) {
            throw new BrokenStructure(i, "trailing backslash");
        }
        char e = text.charAt(i + 1);
        int j = i + 2;
        switch (e) {
            case 'x':
                if (j < n && text.charAt(j) == '{') {
                    return closing(text, j, '}');
                }
                return hexRun(text, j, 2);
            case 'u':
                return hexRun(text, j, 4);
            case 'p': case 'P':
                if (j < n && text.charAt(j) == '{') {
                    return closing(text, j, '}');
                }
                return j;
            case 'k': case 'g':
                if (j < n && text.charAt(j) == '<') {
                    return closing(text, j, '>');
                }
                if (j < n && text.charAt(j) == '\'') {
                    return closing(text, j, '\'');
                }
                return j;
            case 'c':
                return Math.min(n, j + 1);
            default:
                if (e >= '0' && e <= '9') {
                    while (j < n && j < i + 4 && Character.isDigit(text.charAt(j))) {
                        j++;
                    }
                }
                return j;
        }
    }

    private static int hexRun(String text, int j, int max) {
        int k = j;
        while (k < text.length() && k < j + max && Character.digit(text.charAt(k), 16) >= 0) {
            k++;
        }
        return k;
    }

    private static int closing(String text, int open, char close) {
        int k = text.indexOf(close, open + 1);
        if (k < 0) {
            throw new BrokenStructure(open, "unclosed '" + text.charAt(open) + "'");
        }
        return k + 1;
    }

    private static int classEnd(String text, int open, int depth) {
        if (depth > Grok.MAX_NESTING) {
            throw new BrokenStructure(open, "groups or character classes nested deeper than " + Grok.MAX_NESTING);
        }
        int n = text.length();
        int i = open + 1;
        if (i < n && text.charAt(i) == '^') {
            i++;
        }
        if (i < n && text.charAt(i) == ']') {
            i++; // a ']' first in a class is literal
        }
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i = escapeEnd(text, i);
            } else if (c == '[') {
                i = classEnd(text, i, depth + 1);
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new BrokenStructure(open, "unclosed character class");
    }

    private static int groupEnd(String text, int open, int depth) {
        int n = text.length();
        if (text.startsWith("(?#", open)) {
            int close = text.indexOf(')', open);
            if (close < 0) {
                throw new BrokenStructure(open, "unclosed comment group");
            }
            return close + 1;
        }
        int i = open + 1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ')') {
                return i + 1;
            }
            i = atomEnd(text, i, depth);
        }
        throw new BrokenStructure(open, "unclosed group");
    }

    /** End of the quantifier following an atom that ends at {@code i}, or {@code i} if none. */
    static int quantifierEnd(String text, int i) {
        int n = text.length();
        int j = i;
        while (j < n) {
            char c = text.charAt(j);
            int k;
            if (c == '*' || c == '+' || c == '?') {
                k = j + 1;
            } else if (c == '{' && (k = intervalEnd(text, j)) > j) {
                // interval quantifier
            } else {
                break;
            }
            if (k < n && (text.charAt(k) == '?' || text.charAt(k) == '+')) {
                k++;
            }
            j = k;
        }
        return j;
    }

    /** End of a {@code {n}}, {@code {n,}}, {@code {,m}} or {@code {n,m}} at {@code j}, or {@code j}. */
    private static int intervalEnd(String text, int j) {
        int n = text.length();
        int k = j + 1;
        int digits = 0;
        while (k < n && Character.isDigit(text.charAt(k))) {
            k++;
            digits++;
        }
        if (k < n && text.charAt(k) == ',') {
            k++;
            while (k < n && Character.isDigit(text.charAt(k))) {
                k++;
                digits++;
            }
        }
        return k < n && text.charAt(k) == '}' && digits > 0 ? k + 1 : j;
    }
}
