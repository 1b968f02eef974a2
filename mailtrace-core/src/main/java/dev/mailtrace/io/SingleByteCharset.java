package dev.mailtrace.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Transcodes an ASCII-compatible single-byte charset (ISO-8859-1, ISO-8859-15, windows-1252, ...)
 * to UTF-8 through a 256-entry table built once; no allocation per line.
 */
final class SingleByteCharset {

    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private final Charset charset;
    /** UTF-8 of byte {@code v} at {@code [3 v, 3 v + length[v])}. */
    private final byte[] utf8 = new byte[256 * 3];
    private final byte[] length = new byte[256];
    private final boolean[] undefined = new boolean[256];

    private SingleByteCharset(Charset charset) {
        this.charset = charset;
    }

    /**
     * The transcoder for {@code cs}.
     *
     * @throws IllegalArgumentException if {@code cs} is not an ASCII-compatible single-byte charset
     */
    static SingleByteCharset of(Charset cs) {
        if (!cs.canEncode() || cs.newEncoder().maxBytesPerChar() != 1.0f) {
            throw new IllegalArgumentException(notSupported(cs, "it is not a single-byte charset"));
        }
        SingleByteCharset t = new SingleByteCharset(cs);
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int v = 0; v < 256; v++) {
            String s;
            try {
                s = decoder.reset().decode(ByteBuffer.wrap(new byte[] {(byte) v})).toString();
            } catch (CharacterCodingException e) {
                s = null;
            }
            if (v < 0x80 && (s == null || s.length() != 1 || s.charAt(0) != v)) {
                throw new IllegalArgumentException(notSupported(cs, "it is not ASCII-compatible (byte 0x"
                        + Integer.toHexString(v) + ")"));
            }
            byte[] enc;
            if (s == null || s.length() != 1 || Character.isSurrogate(s.charAt(0))) {
                enc = REPLACEMENT;
                t.undefined[v] = true;
            } else {
                enc = s.getBytes(StandardCharsets.UTF_8);
            }
            System.arraycopy(enc, 0, t.utf8, 3 * v, enc.length);
            t.length[v] = (byte) enc.length;
        }
        return t;
    }

    private static String notSupported(Charset cs, String why) {
        return "charset [" + cs.name() + "] cannot be read: " + why
                + "; supported: UTF-8 and ASCII-compatible single-byte charsets such as ISO-8859-1, ISO-8859-15, windows-1252";
    }

    Charset charset() {
        return charset;
    }

    /** At most this many UTF-8 bytes come out per input byte. */
    static int maxExpansion() {
        return 3;
    }

    /**
     * Writes the UTF-8 of {@code src[from, to)} to {@code dst} from offset 0; {@code dst} must
     * hold {@code 3 * (to - from)} bytes.
     *
     * @return the number of bytes written, negated (minus one) if a byte the charset leaves
     *     undefined was replaced with U+FFFD: {@code n} or {@code -n - 1}
     */
    int transcode(byte[] src, int from, int to, byte[] dst) {
        int o = 0;
        boolean bad = false;
        for (int i = from; i < to; i++) {
            byte c = src[i];
            if (c >= 0) {
                dst[o++] = c;
            } else {
                int v = c & 0xFF;
                int n = length[v];
                int at = 3 * v;
                dst[o] = utf8[at];
                if (n > 1) {
                    dst[o + 1] = utf8[at + 1];
                    if (n > 2) {
                        dst[o + 2] = utf8[at + 2];
                    }
                }
                o += n;
                bad |= undefined[v];
            }
        }
        return bad ? -o - 1 : o;
    }
}
