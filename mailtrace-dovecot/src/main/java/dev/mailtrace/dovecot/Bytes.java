package dev.mailtrace.dovecot;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free scanning primitives over {@code byte[]} slices {@code [from, end)}. Every method
 * is total: bad input gives -1, NaN or false, never an exception.
 *
 * <p>A copy of mailtrace-postfix's {@code Bytes} plus a few helpers the filter and mailbox server
 * formats need; it moves to the planned shared scanning kit with the other dialects' copies.
 */
final class Bytes {

    private Bytes() {
    }

    /** The ASCII bytes of a literal. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code b[p, e)} starts with {@code lit}. */
    static boolean at(byte[] b, int p, int e, byte[] lit) {
        int n = lit.length;
        if (p < 0 || e - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[p + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[p, e)} is exactly {@code lit}. */
    static boolean is(byte[] b, int p, int e, byte[] lit) {
        return e - p == lit.length && at(b, p, e, lit);
    }

    /** Whether {@code b[p, e)} ends with {@code lit}. */
    static boolean endsWith(byte[] b, int p, int e, byte[] lit) {
        return e - p >= lit.length && at(b, e - lit.length, e, lit);
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

    /** First index of {@code lit} in {@code [p, e)}, or -1. */
    static int find(byte[] b, int p, int e, byte[] lit) {
        int n = lit.length;
        if (n == 0) {
            return p;
        }
        byte first = lit[0];
        for (int i = Math.max(p, 0), last = e - n; i <= last; i++) {
            if (b[i] == first && at(b, i, e, lit)) {
                return i;
            }
        }
        return -1;
    }

    /** Last index of {@code lit} in {@code [p, e)}, or -1. */
    static int findLast(byte[] b, int p, int e, byte[] lit) {
        int n = lit.length;
        byte first = n == 0 ? 0 : lit[0];
        for (int i = e - n; i >= p && i >= 0; i--) {
            if (n == 0 || b[i] == first && at(b, i, e, lit)) {
                return i;
            }
        }
        return -1;
    }

    /** Last index of {@code c} in {@code [p, e)}, or -1. */
    static int findLast(byte[] b, int p, int e, byte c) {
        for (int i = e - 1; i >= p && i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first byte at or after {@code p} that is not an ASCII digit. */
    static int digits(byte[] b, int p, int e) {
        while (p < e && isDigit(b[p])) {
            p++;
        }
        return p;
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(byte c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAlnum(byte c) {
        return isDigit(c) || isUpper(c) || isLower(c);
    }

    /** The decimal integer {@code b[p, e)}, or -1 if empty, not all digits or too long. */
    static long number(byte[] b, int p, int e) {
        if (p >= e || e - p > 18) {
            return -1;
        }
        long v = 0;
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@link #number} narrowed to an int (-1 if it does not fit). */
    static int integer(byte[] b, int p, int e) {
        long v = number(b, p, e);
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    /**
     * The decimal number {@code b[p, e)} ({@code 12}, {@code 0.04}, {@code 1.2e+02}), or NaN. Plain
     * forms are converted exactly like {@link Double#parseDouble}: an exact integer mantissa divided
     * by an exact power of ten is correctly rounded.
     */
    static double decimal(byte[] b, int p, int e) {
        if (p >= e) {
            return Double.NaN;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (isDigit(c)) {
                if (++digits > 15) {
                    return slowDecimal(b, p, e);
                }
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else if (c == 'e' || c == 'E') {
                return slowDecimal(b, p, e);
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        return fraction <= 0 ? mantissa : mantissa / POW10[fraction];
    }

    private static double slowDecimal(byte[] b, int p, int e) {
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (!(isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                return Double.NaN;
            }
        }
        try {
            return Double.parseDouble(new String(b, p, e - p, StandardCharsets.US_ASCII));
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    /** {@code b[p, e)} decoded as UTF-8 (malformed bytes replaced); null for an invalid range. */
    static String str(byte[] b, int p, int e) {
        if (p < 0 || e < p) {
            return null;
        }
        return new String(b, p, e - p, StandardCharsets.UTF_8);
    }

    /**
     * The enhanced status code ({@code 5.1.1}, {@code 4.7.25}) starting at {@code p}: the index
     * after it, or -1 if there is none.
     */
    static int dsnEnd(byte[] b, int p, int e) {
        if (p < 0 || e - p < 5) {
            return -1;
        }
        byte c = b[p];
        if (!(c == '2' || c == '4' || c == '5') || b[p + 1] != '.') {
            return -1;
        }
        int q = digits(b, p + 2, e);
        if (q == p + 2 || q - p - 2 > 3 || q >= e || b[q] != '.') {
            return -1;
        }
        int r = digits(b, q + 1, e);
        if (r == q + 1 || r - q - 1 > 3) {
            return -1;
        }
        return r;
    }

    /** Whether {@code b[p, e)} looks like an IPv4 or IPv6 address (cheap shape test). */
    static boolean isIp(byte[] b, int p, int e) {
        if (p >= e || e - p > 45) {
            return false;
        }
        int colons = 0;
        int dots = 0;
        boolean hexLetter = false;
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (c == ':') {
                colons++;
            } else if (c == '.') {
                dots++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hexLetter = true;
            } else if (!isDigit(c)) {
                return false;
            }
        }
        return colons >= 2 || (colons == 0 && dots == 3 && !hexLetter);
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
