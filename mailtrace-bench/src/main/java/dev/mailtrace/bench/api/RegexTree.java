package dev.mailtrace.bench.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A syntax tree of an Oniguruma (Ruby) regex, as joni reads it, just detailed enough to look for
 * constructs prone to catastrophic backtracking: sequences, alternations, groups, repeats and
 * single-character atoms with the characters they may match. Every node knows its span in the
 * regex text. Parsing is lenient: what it does not understand becomes an atom matching anything,
 * which can only add warnings, never hide one.
 */
final class RegexTree {

    /** A node spanning {@code [start, end)} of the regex text. */
    sealed interface Node permits Seq, Alt, Group, Repeat, Atom, Empty {
        int start();

        int end();
    }

    /** Items matched one after the other. */
    record Seq(List<Node> items, int start, int end) implements Node {
    }

    /** Alternatives ({@code a|b}). */
    record Alt(List<Node> options, int start, int end) implements Node {
    }

    /** A group; {@code atomic} for {@code (?>...)} (no backtracking into it). */
    record Group(Node body, boolean atomic, int start, int end) implements Node {
    }

    /** {@code body{min,max}}; max -1 for unbounded; {@code possessive} never gives back. */
    record Repeat(Node body, int min, int max, boolean possessive, int start, int end) implements Node {
        boolean unbounded() {
            return max < 0;
        }
    }

    /** One character from {@code chars}. */
    record Atom(CharSet chars, int start, int end) implements Node {
    }

    /** A zero-width item: anchor, lookaround, option switch, comment. */
    record Empty(int start, int end) implements Node {
    }

    private final String text;
    private int pos;

    private RegexTree(String text) {
        this.text = text;
    }

    static Node parse(String regex) {
        RegexTree p = new RegexTree(regex);
        Node n = p.alternation();
        while (p.pos < regex.length()) {
            // A stray ')' (joni would have rejected the regex): skip it and go on.
            p.pos++;
            n = new Seq(List.of(n, p.alternation()), 0, p.pos);
        }
        return n;
    }

    private Node alternation() {
        int start = pos;
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (pos < text.length() && text.charAt(pos) == '|') {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new Alt(List.copyOf(options), start, pos);
    }

    private Node sequence() {
        int start = pos;
        List<Node> items = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '|' || c == ')') {
                break;
            }
            Node atom = atom();
            items.add(quantified(atom));
        }
        return items.size() == 1 ? items.get(0) : new Seq(List.copyOf(items), start, pos);
    }

    private Node quantified(Node atom) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            int min;
            int max;
            int save = pos;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{') {
                int[] bounds = interval();
                if (bounds == null) {
                    return atom;
                }
                min = bounds[0];
                max = bounds[1];
            } else {
                return atom;
            }
            boolean possessive = false;
            if (pos < text.length() && text.charAt(pos) == '?') {
                pos++; // lazy: backtracks as much as greedy when the rest fails
            } else if (pos < text.length() && text.charAt(pos) == '+' && text.charAt(save) != '{') {
                pos++;
                possessive = true;
            }
            atom = new Repeat(atom, min, max, possessive, atom.start(), pos);
        }
        return atom;
    }

    /** {@code {n}}, {@code {n,}}, {@code {,m}}, {@code {n,m}} at pos; null (pos unchanged) if it is a literal brace. */
    private int[] interval() {
        int close = text.indexOf('}', pos);
        if (close < 0) {
            return null;
        }
        String body = text.substring(pos + 1, close);
        if (!body.matches("\\d*(,\\d*)?") || body.isEmpty() || body.equals(",")) {
            return null;
        }
        int comma = body.indexOf(',');
        int min;
        int max;
        if (comma < 0) {
            min = max = Integer.parseInt(body);
        } else {
            min = comma == 0 ? 0 : Integer.parseInt(body.substring(0, comma));
            max = comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
        }
        pos = close + 1;
        return new int[] {min, max};
    }

    private Node atom() {
        int start = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '(':
                return group();
            case '[':
                return new Atom(charClass(), start, pos);
            case '.':
                pos++;
                return new Atom(CharSet.DOT, start, pos);
            case '^', '$':
                pos++;
                return new Empty(start, pos);
            case '\\':
                return escape();
            default:
                pos++;
                if (Character.isHighSurrogate(c) && pos < text.length()) {
                    pos++;
                }
                return new Atom(CharSet.of(c), start, pos);
        }
    }

    private Node group() {
        int start = pos;
        pos++; // (
        boolean atomic = false;
        boolean zeroWidth = false;
        if (text.startsWith("?", pos)) {
            if (text.startsWith("?#", pos)) {
                int close = text.indexOf(')', pos);
                pos = close < 0 ? text.length() : close + 1;
                return new Empty(start, pos);
            } else if (text.startsWith("?:", pos)) {
                pos += 2;
            } else if (text.startsWith("?>", pos)) {
                pos += 2;
                atomic = true;
            } else if (text.startsWith("?=", pos) || text.startsWith("?!", pos)) {
                pos += 2;
                zeroWidth = true;
            } else if (text.startsWith("?<=", pos) || text.startsWith("?<!", pos)) {
                pos += 3;
                zeroWidth = true;
            } else if (text.startsWith("?<", pos) || text.startsWith("?'", pos)) {
                char close = text.charAt(pos + 1) == '<' ? '>' : '\'';
                int e = text.indexOf(close, pos + 2);
                pos = e < 0 ? text.length() : e + 1;
            } else {
                // Options: (?imx-imx) switches, (?imx-imx:...) groups.
                int e = pos + 1;
                while (e < text.length() && "imx-".indexOf(text.charAt(e)) >= 0) {
                    e++;
                }
                if (e < text.length() && text.charAt(e) == ')') {
                    pos = e + 1;
                    return new Empty(start, pos);
                }
                pos = e < text.length() && text.charAt(e) == ':' ? e + 1 : e;
            }
        }
        Node body = alternation();
        if (pos < text.length() && text.charAt(pos) == ')') {
            pos++;
        }
        return zeroWidth ? new Empty(start, pos) : new Group(body, atomic, start, pos);
    }

    private Node escape() {
        int start = pos;
        pos++;
        if (pos >= text.length()) {
            return new Atom(CharSet.of('\\'), start, pos);
        }
        char c = text.charAt(pos++);
        CharSet set = escapeSet(c);
        if (set != null) {
            return new Atom(set, start, pos);
        }
        switch (c) {
            case 'A', 'z', 'Z', 'b', 'B', 'G':
                return new Empty(start, pos);
            case 'k', 'g':
                // Back-reference or subexpression call: could match anything.
                if (pos < text.length() && (text.charAt(pos) == '<' || text.charAt(pos) == '\'')) {
                    int e = text.indexOf(text.charAt(pos) == '<' ? '>' : '\'', pos + 1);
                    pos = e < 0 ? text.length() : e + 1;
                }
                return new Repeat(new Atom(CharSet.ALL, start, pos), 0, -1, false, start, pos);
            case 'x':
                return new Atom(CharSet.of(hexValue()), start, pos);
            case 'u':
                return new Atom(CharSet.of(128), start, Math.min(text.length(), pos + 4));
            default:
                if (c >= '1' && c <= '9') {
                    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                        pos++;
                    }
                    return new Repeat(new Atom(CharSet.ALL, start, pos), 0, -1, false, start, pos);
                }
                return new Atom(CharSet.of(literalEscape(c)), start, pos);
        }
    }

    private int hexValue() {
        int e = pos;
        if (e < text.length() && text.charAt(e) == '{') {
            int close = text.indexOf('}', e);
            pos = close < 0 ? text.length() : close + 1;
            return 128;
        }
        while (e < text.length() && e < pos + 2 && Character.digit(text.charAt(e), 16) >= 0) {
            e++;
        }
        int v = e == pos ? 0 : Integer.parseInt(text.substring(pos, e), 16);
        pos = e;
        return v;
    }

    private static int literalEscape(char c) {
        return switch (c) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> 0x0b;
            case 'a' -> 0x07;
            case 'e' -> 0x1b;
            case '0' -> 0;
            default -> c;
        };
    }

    /** The set of a class escape ({@code \d}, {@code \S}, ...), or null if {@code c} is none. */
    private CharSet escapeSet(char c) {
        return switch (c) {
            case 'd' -> CharSet.DIGIT;
            case 'D' -> CharSet.DIGIT.complement();
            case 'w' -> CharSet.WORD;
            case 'W' -> CharSet.WORD.complement();
            case 's' -> CharSet.SPACE;
            case 'S' -> CharSet.SPACE.complement();
            case 'h' -> CharSet.HEX; // Ruby: a hex digit (java.util.regex: horizontal space)
            case 'H' -> CharSet.HEX.complement();
            case 'R', 'X', 'N', 'O' -> CharSet.ALL;
            case 'p', 'P' -> {
                if (pos < text.length() && text.charAt(pos) == '{') {
                    int close = text.indexOf('}', pos);
                    pos = close < 0 ? text.length() : close + 1;
                }
                yield CharSet.ALL;
            }
            default -> null;
        };
    }

    /** A bracket expression at pos ({@code [...]}), nested classes and POSIX names included. */
    private CharSet charClass() {
        pos++; // [
        boolean negated = pos < text.length() && text.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        CharSet set = CharSet.NONE;
        boolean first = true;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            CharSet item;
            int lower;
            if (c == '[' && text.startsWith("[:", pos)) {
                int close = text.indexOf(":]", pos + 2);
                String name = close < 0 ? "" : text.substring(pos + 2, close);
                pos = close < 0 ? pos + 1 : close + 2;
                item = posixClass(name);
                set = set.union(item);
                continue;
            } else if (c == '[') {
                set = set.union(charClass());
                continue;
            } else if (c == '&' && text.startsWith("&&", pos)) {
                pos += 2; // intersection: over-approximated as a union
                continue;
            } else if (c == '\\' && pos + 1 < text.length()) {
                char e = text.charAt(pos + 1);
                pos += 2;
                CharSet s = escapeSet(e);
                if (s != null) {
                    set = set.union(s);
                    continue;
                }
                lower = e == 'x' ? hexValue() : literalEscape(e);
            } else {
                lower = c;
                pos++;
            }
            if (pos + 1 < text.length() && text.charAt(pos) == '-' && text.charAt(pos + 1) != ']') {
                pos++;
                int upper;
                char u = text.charAt(pos);
                if (u == '\\' && pos + 1 < text.length()) {
                    char e = text.charAt(pos + 1);
                    pos += 2;
                    upper = e == 'x' ? hexValue() : literalEscape(e);
                } else {
                    upper = u;
                    pos++;
                }
                set = set.union(CharSet.range(lower, upper));
            } else {
                set = set.union(CharSet.of(lower));
            }
        }
        return negated ? set.complement() : set;
    }

    private static CharSet posixClass(String name) {
        boolean negated = name.startsWith("^");
        String n = negated ? name.substring(1) : name;
        CharSet s = switch (n) {
            case "alpha" -> CharSet.range('a', 'z').union(CharSet.range('A', 'Z')).withNonAscii(true);
            case "digit" -> CharSet.DIGIT;
            case "alnum" -> CharSet.range('a', 'z').union(CharSet.range('A', 'Z')).union(CharSet.DIGIT).withNonAscii(true);
            case "upper" -> CharSet.range('A', 'Z');
            case "lower" -> CharSet.range('a', 'z');
            case "space" -> CharSet.SPACE;
            case "blank" -> CharSet.of(' ').union(CharSet.of('\t'));
            case "xdigit" -> CharSet.HEX;
            case "word" -> CharSet.WORD;
            case "punct" -> CharSet.range('!', '/').union(CharSet.range(':', '@')).union(CharSet.range('[', '`'))
                    .union(CharSet.range('{', '~'));
            default -> CharSet.ALL;
        };
        return negated ? s.complement() : s;
    }
}
