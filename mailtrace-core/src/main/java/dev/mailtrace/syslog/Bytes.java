package dev.mailtrace.syslog;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free scanning primitives over {@code byte[]} slices for the header scanners: ASCII
 * digits, spaces and literals. Bad input gives -1 or false; the offsets are the caller's to keep
 * inside the buffer.
 */
final class Bytes {

    private Bytes() {
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The two digits at {@code b[p]} and {@code b[p + 1]} (the caller checked that both exist) as a number, or -1. */
    static int twoDigits(byte[] b, int p) {
        int d1 = b[p] - '0';
        int d2 = b[p + 1] - '0';
        return d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9 ? d1 * 10 + d2 : -1;
    }

    /** {@link #twoDigits(byte[], int)} if both digits are before {@code end}, else -1. */
    static int twoDigits(byte[] b, int p, int end) {
        return p + 2 <= end ? twoDigits(b, p) : -1;
    }

    /** The first index at or after {@code p} that holds no space, or {@code end}. */
    static int skipSpaces(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') {
            p++;
        }
        return p;
    }

    /** The first index at or after {@code p} that holds a space, or {@code end}. */
    static int indexOfSpace(byte[] b, int p, int end) {
        while (p < end && b[p] != ' ') {
            p++;
        }
        return p;
    }

    /** The number in {@code b[s, e)} if it is all digits (at most 18), else -1. */
    static long parsePid(byte[] b, int s, int e) {
        if (s < 0 || e <= s || e - s > 18) {
            return -1;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }

    /** Leading digits of {@code b[s, e)} as a number, saturating at {@link Long#MAX_VALUE}. */
    static long parseCount(byte[] b, int s, int e) {
        long v = 0;
        for (int i = s; i < e && isDigit(b[i]); i++) {
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + b[i] - '0';
        }
        return v;
    }

    /** Whether {@code b[s, e)} starts with {@code lit}. */
    static boolean startsWith(byte[] b, int s, int e, byte[] lit) {
        if (e - s < lit.length) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (b[s + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first index of {@code lit} (not empty) in {@code b[s, e)}, or -1. */
    static int indexOf(byte[] b, int s, int e, byte[] lit) {
        byte first = lit[0];
        for (int i = s, last = e - lit.length; i <= last; i++) {
            if (b[i] == first && startsWith(b, i, e, lit)) {
                return i;
            }
        }
        return -1;
    }

    /** The ASCII bytes of a literal. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
