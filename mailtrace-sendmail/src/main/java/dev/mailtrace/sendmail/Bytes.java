package dev.mailtrace.sendmail;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import dev.mailtrace.spi.ByteScanning;

/**
 * The sendmail scanner's own byte primitives (a word-at-a-time {@code find}, its character classes,
 * {@link #interval}) beyond {@link ByteScanning}'s general ones. Every method is total: bad input
 * gives -1, NaN or false, never an exception.
 */
final class Bytes extends ByteScanning {

    private Bytes() {
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
