package dev.mailtrace.sendmail;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Allocation-free scanning primitives over {@code byte[]} slices {@code [from, end)}. Every method
 * is total: bad input gives -1, NaN or false, never an exception.
 *
 * <p>The general part is the postfix dialect's {@code Bytes}, copied until the planned shared
 * scanner kit exists; {@link #interval} is sendmail's own.
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * First index of {@code c} in {@code [p, e)}, or -1. Eight bytes at a time (SWAR: the classic
     * "has zero byte" test on the word xor'ed with {@code c} repeated; its lowest flagged byte is
     * the first match, false positives only appear above a real one), then byte by byte.
     */
    static int find(byte[] b, int p, int e, byte c) {
        int i = Math.max(p, 0);
        long pattern = (c & 0xFFL) * ONES;
        for (int last = Math.min(e, b.length) - 8; i <= last; i += 8) {
            long w = (long) LONGS.get(b, i) ^ pattern;
            long t = (w - ONES) & ~w & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < e; i++) {
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

    private static final byte ALNUM = 1;
    private static final byte KEY = 2;
    private static final byte LETTER = 4;
    /** Character classes of the bytes, for the loops that test every byte of a token. */
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean alnum = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
            CLASS[c] = (byte) ((alnum ? ALNUM : 0) | (alnum || c == '_' ? KEY : 0) | (letter ? LETTER : 0));
        }
    }

    static boolean isAlnum(byte c) {
        return (CLASS[c & 0xFF] & ALNUM) != 0;
    }

    /** Whether {@code c} is an ASCII letter. */
    static boolean isLetter(byte c) {
        return (CLASS[c & 0xFF] & LETTER) != 0;
    }

    /** Whether {@code c} may be part of a sendmail key ({@code [A-Za-z0-9_]}). */
    static boolean isKeyChar(byte c) {
        return (CLASS[c & 0xFF] & KEY) != 0;
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

    /**
     * A sendmail interval ({@code pintvl}: {@code 00:00:01}, {@code 1+02:03:04}, also without the
     * hours {@code 02:03}) in seconds, or NaN. One pass over the bytes.
     */
    static double interval(byte[] b, int p, int e) {
        if (p >= e || e - p > 24) {
            return Double.NaN;
        }
        long days = 0;
        long total = 0;
        long part = 0;
        int digits = 0;
        int colons = 0;
        boolean plus = false;
        for (int i = p; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                digits++;
            } else if (c == ':' && digits > 0) {
                total = total * 60 + part;
                part = 0;
                digits = 0;
                colons++;
            } else if (c == '+' && digits > 0 && !plus && colons == 0) {
                days = part;
                part = 0;
                digits = 0;
                plus = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || colons == 0 || colons > 2) {
            return Double.NaN;
        }
        return days * 86400.0 + total * 60 + part;
    }
}
