package dev.mailtrace.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** UTF-8 well-formedness on byte slices, eight ASCII bytes at a time; no allocation. */
public final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /**
     * Whether {@code b[from, to)} is well-formed UTF-8 as RFC 3629 and Unicode define it: no
     * stray continuation bytes, no overlong forms, no surrogates, nothing above U+10FFFF, no
     * sequence cut short by the end.
     */
    public static boolean isValid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            while (i + 8 <= to && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            while (i < to && b[i] >= 0) {
                i++;
            }
            if (i >= to) {
                return true;
            }
            int c = b[i] & 0xFF;
            if (c < 0xC2) {
                return false; // continuation byte, or C0/C1 (overlong two-byte form)
            }
            if (c < 0xE0) {
                if (i + 1 >= to || (b[i + 1] & 0xC0) != 0x80) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c1 & 0xC0) != 0x80 || (b[i + 2] & 0xC0) != 0x80
                        || c == 0xE0 && c1 < 0xA0      // overlong
                        || c == 0xED && c1 >= 0xA0) {  // UTF-16 surrogate
                    return false;
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c1 & 0xC0) != 0x80 || (b[i + 2] & 0xC0) != 0x80 || (b[i + 3] & 0xC0) != 0x80
                        || c == 0xF0 && c1 < 0x90      // overlong
                        || c == 0xF4 && c1 >= 0x90) {  // above U+10FFFF
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Where {@code b[from, to)} ends if a multi-byte sequence cut off at {@code to} (by
     * truncation) is dropped: {@code to} itself if the slice does not end inside a sequence.
     */
    static int withoutCutSequence(byte[] b, int from, int to) {
        for (int k = to - 1, seen = 1; k >= from && seen <= 3; k--, seen++) {
            int c = b[k] & 0xFF;
            if (c < 0x80) {
                return to;
            }
            if (c >= 0xC0) {
                int needed = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
                return seen < needed ? k : to;
            }
        }
        return to;
    }
}
