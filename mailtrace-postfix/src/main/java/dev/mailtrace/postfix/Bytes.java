package dev.mailtrace.postfix;

import dev.mailtrace.spi.ByteScanning;

/**
 * The postfix scanner's own byte primitives; the general ones ({@code at}, {@code find},
 * {@code number}, {@code decimal}, {@code str}, ...) come from {@link ByteScanning}. Every method is
 * total: bad input gives -1, NaN or false, never an exception.
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

    /** The index of the first space at or after {@code p}, or {@code e}. */
    static int wordEnd(byte[] b, int p, int e) {
        while (p < e && b[p] != ' ') {
            p++;
        }
        return p;
    }

    static boolean isAlnum(byte c) {
        return isDigit(c) || isUpper(c) || isLower(c);
    }

}
