package dev.mailtrace.dovecot;

import dev.mailtrace.spi.ByteScanning;

/**
 * The byte primitives the filter and mailbox server formats need beyond {@link ByteScanning}'s
 * general ones (case-insensitive search, brackets, words, times). Every method is total: bad input
 * gives -1, NaN or false, never an exception.
 */
final class Bytes extends ByteScanning {

    private Bytes() {
    }

    /** First index of {@code c} in {@code [p, e)}, or -1. */
    static int find(byte[] b, int p, int e, byte c) {
        for (int i = Math.max(p, 0); i < e; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static boolean isAlnum(byte c) {
        return isDigit(c) || isUpper(c) || isLower(c);
    }

    /** The index after the spaces at {@code p}. */
    static int skipSpaces(byte[] b, int p, int e) {
        while (p < e && b[p] == ' ') {
            p++;
        }
        return p;
    }

    /** The index before the spaces that end {@code [p, e)}. */
    static int trimEnd(byte[] b, int p, int e) {
        while (e > p && b[e - 1] == ' ') {
            e--;
        }
        return e;
    }

    /** Whether {@code b[p, e)} starts with {@code lit}, ignoring ASCII case. */
    static boolean atIgnoreCase(byte[] b, int p, int e, byte[] lit) {
        int n = lit.length;
        if (p < 0 || e - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            byte x = b[p + i];
            byte y = lit[i];
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    /** First index of {@code lit} in {@code [p, e)} ignoring ASCII case, or -1. */
    static int findIgnoreCase(byte[] b, int p, int e, byte[] lit) {
        for (int i = Math.max(p, 0), last = e - lit.length; i <= last; i++) {
            if (atIgnoreCase(b, i, e, lit)) {
                return i;
            }
        }
        return -1;
    }

    static byte lower(byte c) {
        return isUpper(c) ? (byte) (c + 32) : c;
    }

    /** The index of the first byte at or after {@code p} that is not an ASCII letter or digit. */
    static int alnums(byte[] b, int p, int e) {
        while (p < e && isAlnum(b[p])) {
            p++;
        }
        return p;
    }

    /** The index of the first space at or after {@code p}, or {@code e}. */
    static int word(byte[] b, int p, int e) {
        while (p < e && b[p] != ' ') {
            p++;
        }
        return p;
    }

    /**
     * The index of the {@code close} that balances the {@code open} at {@code p} (nested pairs
     * counted), or -1.
     */
    static int closing(byte[] b, int p, int e, byte open, byte close) {
        int depth = 0;
        for (int i = Math.max(p, 0); i < e; i++) {
            byte c = b[i];
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the {@code open} that balances the {@code close} at {@code q - 1} (nested pairs
     * counted), scanning backwards no further than {@code p}, or -1.
     */
    static int opening(byte[] b, int p, int q, byte open, byte close) {
        int depth = 0;
        for (int i = q - 1; i >= p && i >= 0; i--) {
            byte c = b[i];
            if (c == close) {
                depth++;
            } else if (c == open && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A duration {@code HH:MM:SS} (hours may have more digits) at {@code [p, e)} in seconds, or -1
     * if it is not one.
     */
    static long hms(byte[] b, int p, int e) {
        int c1 = find(b, p, e, (byte) ':');
        if (c1 < 0) {
            return -1;
        }
        int c2 = find(b, c1 + 1, e, (byte) ':');
        if (c2 < 0) {
            return -1;
        }
        long h = number(b, p, c1);
        long m = number(b, c1 + 1, c2);
        long s = number(b, c2 + 1, e);
        if (h < 0 || m < 0 || s < 0) {
            return -1;
        }
        return h * 3600 + m * 60 + s;
    }

    /** {@link #decimal} with an optional leading minus sign ({@code -1.25}), or NaN. */
    static double signedDecimal(byte[] b, int p, int e) {
        if (p < e && b[p] == '-') {
            double v = decimal(b, p + 1, e);
            return Double.isNaN(v) ? v : -v;
        }
        return decimal(b, p, e);
    }
}
