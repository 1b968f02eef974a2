package dev.mailtrace.spi;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free scanning primitives over {@code byte[]} slices {@code [from, end)}, for
 * dialects' hand-written scanners. Every method is total: bad input gives -1, NaN or false, never
 * an exception. A dialect keeps its own helpers in a class that extends this one, so that
 * {@code Bytes.find(...)} reaches both.
 */
public class ByteScanning {

    /** For dialects' helper classes that extend this one; there is no instance state. */
    protected ByteScanning() {
    }

    /** The ASCII bytes of a literal. */
    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code b[p, e)} starts with {@code lit}. */
    public static boolean at(byte[] b, int p, int e, byte[] lit) {
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
    public static boolean is(byte[] b, int p, int e, byte[] lit) {
        return e - p == lit.length && at(b, p, e, lit);
    }

    /** Whether {@code b[p, e)} ends with {@code lit}. */
    public static boolean endsWith(byte[] b, int p, int e, byte[] lit) {
        return e - p >= lit.length && at(b, e - lit.length, e, lit);
    }

    /** First index of {@code lit} in {@code [p, e)}, or -1. */
    public static int find(byte[] b, int p, int e, byte[] lit) {
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
    public static int findLast(byte[] b, int p, int e, byte[] lit) {
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
    public static int findLast(byte[] b, int p, int e, byte c) {
        for (int i = e - 1; i >= p && i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first byte at or after {@code p} that is not an ASCII digit. */
    public static int digits(byte[] b, int p, int e) {
        while (p < e && isDigit(b[p])) {
            p++;
        }
        return p;
    }

    public static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    public static boolean isLower(byte c) {
        return c >= 'a' && c <= 'z';
    }

    /** The decimal integer {@code b[p, e)}, or -1 if empty, not all digits or too long. */
    public static long number(byte[] b, int p, int e) {
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
    public static int integer(byte[] b, int p, int e) {
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
    public static double decimal(byte[] b, int p, int e) {
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
    public static String str(byte[] b, int p, int e) {
        if (p < 0 || e < p) {
            return null;
        }
        return new String(b, p, e - p, StandardCharsets.UTF_8);
    }

    /**
     * The enhanced status code ({@code 5.1.1}, {@code 4.7.25}) starting at {@code p}: the index
     * after it, or -1 if there is none.
     */
    public static int dsnEnd(byte[] b, int p, int e) {
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
    public static boolean isIp(byte[] b, int p, int e) {
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
}
