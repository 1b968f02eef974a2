package dev.mailtrace.listen;

/**
 * Splits one TCP or TLS syslog stream into messages (RFC 6587): octet-counted frames
 * ({@code LEN SP MSG}, {@code LEN} counting the bytes of {@code MSG} only, not the space) and
 * non-transparent frames ended by LF, CRLF or NUL, as rsyslog, syslog-ng and others send them. The
 * method is chosen per message, so a sender may switch: a frame that starts with a non-zero digit,
 * more digits and a space is octet-counted; anything else runs to the next terminator.
 *
 * <p>A message longer than the maximum is cut to it and delivered with {@link #OVERSIZE}; the
 * rest of it is skipped, so the next message is framed correctly. Stray terminators between
 * messages are skipped. At the end of the stream ({@link #end}) an unterminated last line is
 * delivered as it is, and an octet-counted frame cut short with {@link #INCOMPLETE}.
 *
 * <p>Frames that lie whole in the input are handed out from the input itself; only a frame split
 * over reads is copied (into one buffer of the maximum size, allocated once). Not thread-safe: one
 * framer per connection.
 */
public final class Framer {

    /** Flag: the message was longer than the maximum and is cut to it. */
    public static final int OVERSIZE = 1;
    /** Flag: the stream ended inside an octet-counted frame; the message is what arrived of it. */
    public static final int INCOMPLETE = 2;

    /** Receives each message: its bytes (without length prefix or terminator) and flags. */
    @FunctionalInterface
    public interface FrameHandler {
        /** One message in {@code buf[off, off + len)}; valid only during the call. */
        void frame(byte[] buf, int off, int len, int flags);
    }

    private static final int START = 0;
    private static final int DIGITS = 1;
    private static final int OCTETS = 2;
    private static final int LINE = 3;
    /** More digits than any sane length: the frame is not octet-counted. */
    private static final int MAX_DIGITS = 9;

    private final int max;
    /** The maximum plus one byte: a line's CR before its LF fits without making it oversize. */
    private final byte[] pending;
    private int pendingLength;
    private int state = START;
    private int digits;
    private long remaining;
    private boolean oversize;

    /** A framer that cuts messages at {@code maxMessageSize} bytes. */
    public Framer(int maxMessageSize) {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize [" + maxMessageSize + "] must be at least 1");
        }
        this.max = maxMessageSize;
        this.pending = new byte[maxMessageSize + 1];
    }

    /** The next bytes of the stream; every message they complete goes to {@code handler}. */
    public void feed(byte[] in, int off, int len, FrameHandler handler) {
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (state) {
                case START -> {
                    byte b = in[i];
                    if (b == '\n' || b == '\r' || b == 0) {
                        i++;
                    } else if (b >= '1' && b <= '9') {
                        state = DIGITS;
                        digits = 1;
                        remaining = b - '0';
                        pending[pendingLength++] = b;
                        i++;
                    } else {
                        state = LINE;
                    }
                }
                case DIGITS -> {
                    byte b = in[i];
                    if (b >= '0' && b <= '9' && digits < MAX_DIGITS) {
                        remaining = remaining * 10 + (b - '0');
                        digits++;
                        append(in, i, 1, max);
                        i++;
                    } else if (b == ' ') {
                        i++;
                        pendingLength = 0;
                        state = OCTETS;
                        oversize = remaining > max;
                    } else {
                        state = LINE; // the digits stay: they begin the message
                    }
                }
                case OCTETS -> {
                    int take = (int) Math.min(remaining, end - i);
                    if (pendingLength == 0 && take == remaining && !oversize) {
                        reset();
                        handler.frame(in, i, take, 0);
                    } else {
                        append(in, i, take, max);
                        remaining -= take;
                        if (remaining == 0) {
                            emitPending(handler, oversize ? OVERSIZE : 0);
                        }
                    }
                    i += take;
                }
                default -> { // LINE
                    int j = i;
                    while (j < end && in[j] != '\n' && in[j] != 0) {
                        j++;
                    }
                    if (j == end) {
                        append(in, i, j - i, max + 1);
                    } else if (pendingLength == 0 && !oversize) {
                        int n = j > i && in[j - 1] == '\r' ? j - i - 1 : j - i;
                        reset();
                        if (n > max) {
                            handler.frame(in, i, max, OVERSIZE);
                        } else {
                            handler.frame(in, i, n, 0);
                        }
                    } else {
                        append(in, i, j - i, max + 1);
                        if (!oversize && pendingLength > 0 && pending[pendingLength - 1] == '\r') {
                            pendingLength--;
                        }
                        if (pendingLength > max) {
                            pendingLength = max;
                            oversize = true;
                        }
                        emitPending(handler, oversize ? OVERSIZE : 0);
                    }
                    i = j == end ? end : j + 1;
                }
            }
        }
    }

    /** The stream ended: delivers what is left of the last message, if anything. */
    public void end(FrameHandler handler) {
        if (pendingLength > max) {
            pendingLength = max;
            oversize = true;
        }
        if (state == OCTETS) {
            emitPending(handler, INCOMPLETE | (oversize ? OVERSIZE : 0));
        } else if (state != START) {
            emitPending(handler, oversize ? OVERSIZE : 0);
        }
    }

    /** Whether the framer is between messages (nothing of a next message has arrived). */
    public boolean idle() {
        return state == START;
    }

    /** Copies into the pending message up to {@code limit} bytes; what does not fit marks it oversize. */
    private void append(byte[] in, int from, int n, int limit) {
        int room = limit - pendingLength;
        if (n > room) {
            oversize = true;
            n = room;
        }
        System.arraycopy(in, from, pending, pendingLength, n);
        pendingLength += n;
    }

    private void emitPending(FrameHandler handler, int flags) {
        int n = pendingLength;
        reset();
        handler.frame(pending, 0, n, flags);
    }

    private void reset() {
        state = START;
        pendingLength = 0;
        remaining = 0;
        oversize = false;
    }
}
