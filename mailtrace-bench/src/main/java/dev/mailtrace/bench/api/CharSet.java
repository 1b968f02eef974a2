package dev.mailtrace.bench.api;

/**
 * An over-approximation of the characters a regex atom can match: exact for ASCII (128 bits),
 * one flag for everything beyond. Enough to tell whether two parts of a regex can compete for the
 * same characters, which is what catastrophic backtracking needs.
 */
record CharSet(long lo, long hi, boolean nonAscii) {

    static final CharSet NONE = new CharSet(0, 0, false);
    static final CharSet ALL = new CharSet(-1L, -1L, true);
    /** {@code .}: anything but a newline. */
    static final CharSet DOT = ALL.minus(of('\n'));
    static final CharSet DIGIT = range('0', '9');
    static final CharSet WORD = range('a', 'z').union(range('A', 'Z')).union(DIGIT).union(of('_')).withNonAscii(true);
    static final CharSet SPACE = of(' ').union(range('\t', '\r'));
    static final CharSet HEX = DIGIT.union(range('a', 'f')).union(range('A', 'F'));

    static CharSet of(int c) {
        if (c >= 128) {
            return new CharSet(0, 0, true);
        }
        return c < 64 ? new CharSet(1L << c, 0, false) : new CharSet(0, 1L << (c - 64), false);
    }

    static CharSet range(int from, int to) {
        CharSet s = NONE;
        for (int c = from; c <= Math.min(to, 127); c++) {
            s = s.union(of(c));
        }
        return to >= 128 ? s.withNonAscii(true) : s;
    }

    CharSet union(CharSet o) {
        return new CharSet(lo | o.lo, hi | o.hi, nonAscii || o.nonAscii);
    }

    CharSet intersect(CharSet o) {
        return new CharSet(lo & o.lo, hi & o.hi, nonAscii && o.nonAscii);
    }

    CharSet minus(CharSet o) {
        return new CharSet(lo & ~o.lo, hi & ~o.hi, nonAscii && !o.nonAscii);
    }

    /** Everything this set does not match (non-ASCII is assumed matched by a negation). */
    CharSet complement() {
        return new CharSet(~lo, ~hi, true);
    }

    CharSet withNonAscii(boolean b) {
        return new CharSet(lo, hi, b);
    }

    boolean overlaps(CharSet o) {
        return (lo & o.lo) != 0 || (hi & o.hi) != 0 || (nonAscii && o.nonAscii);
    }

    boolean isEmpty() {
        return lo == 0 && hi == 0 && !nonAscii;
    }

    boolean containsAll(CharSet o) {
        return (o.lo & ~lo) == 0 && (o.hi & ~hi) == 0 && (!o.nonAscii || nonAscii);
    }

    /** How many printable ASCII characters (space to tilde) the set matches. */
    int printableCount() {
        int n = 0;
        for (int c = 32; c < 127; c++) {
            if (contains(c)) {
                n++;
            }
        }
        return n;
    }

    boolean contains(int c) {
        if (c >= 128) {
            return nonAscii;
        }
        return c < 64 ? (lo & (1L << c)) != 0 : (hi & (1L << (c - 64))) != 0;
    }

    /** A character of the set, letters and digits first, to build test lines from; -1 if none. */
    int sample() {
        for (String preferred : new String[] {"a", "1", "A", "x", ".", "-", " ", ":"}) {
            if (contains(preferred.charAt(0))) {
                return preferred.charAt(0);
            }
        }
        for (int c = 33; c < 127; c++) {
            if (contains(c)) {
                return c;
            }
        }
        return nonAscii ? 'é' : -1;
    }
}
