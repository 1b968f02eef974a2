package dev.mailtrace.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Streams the lines of an {@link InputStream} as slices of one reused buffer: no {@code String},
 * no allocation per line, constant memory whatever the input.
 *
 * <pre>{@code
 * try (LineReader lines = new LineReader(LogInput.open(path))) {
 *     while (lines.next()) {
 *         matcher.match(lines.buffer(), lines.start(), lines.length());
 *     }
 * }
 * }</pre>
 *
 * <p>A line ends at {@code \n}; a {@code \r} right before it belongs to the terminator, so CRLF
 * files give the same lines as LF files. A last line without a newline is still a line; an empty
 * input has no lines. Bytes are not decoded: the slice is whatever the stream holds (UTF-8 for the
 * grok engine).
 *
 * <p>A line longer than {@linkplain #maxLineLength() the maximum} (default
 * {@value #DEFAULT_MAX_LINE_LENGTH} bytes) is returned cut to its first {@code max} bytes and
 * flagged {@linkplain #truncated() truncated}; the rest is skipped without being buffered, and
 * the next line is read intact. A pathological input (a binary file, a missing newline) thus
 * costs a flag, never an {@code OutOfMemoryError}.
 *
 * <p>Not thread-safe. The slice returned for a line stays valid only until the next call of
 * {@link #next()}.
 */
public final class LineReader implements Closeable {

    /** Default maximum line length in bytes (64 KiB). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    /** Room for reads beyond the longest line, so that lines are rarely moved. */
    private static final int READ_SIZE = 64 * 1024;

    private final InputStream in;
    private final int maxLineLength;
    private final byte[] buf;

    /** Valid data is {@code buf[0, limit)}; {@code buf[0]} is at stream offset {@code base}. */
    private int limit;
    private long base;
    /** Where the next line starts in {@code buf}. */
    private int pos;
    private boolean eof;
    /** Whether the rest of a truncated line still has to be skipped before the next line. */
    private boolean skipping;

    private int lineStart;
    private int lineLength;
    private long lineNumber;
    private long lineOffset;
    private boolean truncated;
    private long truncatedLines;

    /** Reads lines of at most {@value #DEFAULT_MAX_LINE_LENGTH} bytes from {@code in}. */
    public LineReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * Reads lines of at most {@code maxLineLength} bytes from {@code in}; longer lines are
     * truncated. Memory used is about {@code maxLineLength} plus a 64 KiB read buffer.
     */
    public LineReader(InputStream in, int maxLineLength) {
        this(in, maxLineLength, READ_SIZE);
    }

    /**
     * As the public constructors, with {@code readSize} bytes of room beyond the longest line;
     * tiny values let tests put buffer boundaries anywhere.
     */
    LineReader(InputStream in, int maxLineLength, int readSize) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be at least 1: " + maxLineLength);
        }
        if (readSize < 1 || maxLineLength > Integer.MAX_VALUE - 8 - 2 - readSize) {
            throw new IllegalArgumentException("maxLineLength too large: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        // Room for a whole line plus "\r\n", so that a line of exactly max bytes is recognised as
        // complete; the rest is where the next reads go without moving the line.
        this.buf = new byte[maxLineLength + 2 + readSize];
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the stream
     * @throws IOException if reading fails
     */
    public boolean next() throws IOException {
        if (skipping && !skipRestOfLine()) {
            return false;
        }
        int start = pos;
        int scan = pos;
        while (true) {
            int nl = indexOfNewline(scan, limit);
            if (nl >= 0) {
                int end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                pos = nl + 1;
                int length = end - start;
                if (length > maxLineLength) {
                    // A line of max+1 bytes before "\r\n" is seen whole; it is still too long.
                    return emit(start, maxLineLength, true);
                }
                return emit(start, length, false);
            }
            scan = limit;
            if (limit - start >= maxLineLength + 2) {
                // No newline within max+2 bytes: whatever follows, the content exceeds max.
                pos = start + maxLineLength;
                skipping = true;
                return emit(start, maxLineLength, true);
            }
            if (eof) {
                if (limit == start) {
                    return false;
                }
                pos = limit;
                int length = limit - start;
                return length > maxLineLength ? emit(start, maxLineLength, true) : emit(start, length, false);
            }
            if (limit == buf.length) {
                // Move the partial line to the front; it fits, with room to read (see constructor).
                int kept = limit - start;
                System.arraycopy(buf, start, buf, 0, kept);
                base += start;
                scan -= start;
                limit = kept;
                pos = 0;
                start = 0;
            }
            fill();
        }
    }

    private boolean emit(int start, int length, boolean cut) {
        lineStart = start;
        lineLength = length;
        lineOffset = base + start;
        lineNumber++;
        truncated = cut;
        if (cut) {
            truncatedLines++;
        }
        return true;
    }

    /** Discards input up to and including the next newline; false if the stream ends first. */
    private boolean skipRestOfLine() throws IOException {
        int scan = pos;
        while (true) {
            int nl = indexOfNewline(scan, limit);
            if (nl >= 0) {
                pos = nl + 1;
                skipping = false;
                return true;
            }
            if (eof) {
                pos = limit;
                skipping = false;
                return false;
            }
            // Nothing buffered is needed any more: drop it all, keeping memory constant.
            base += limit;
            limit = 0;
            pos = 0;
            scan = 0;
            fill();
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** First {@code \n} in {@code buf[from, to)}, eight bytes at a time; -1 if none. */
    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            // a zero byte of x is a newline; the lowest flagged byte is always exact
            long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The buffer holding the current line; reused, overwritten by {@link #next()}. */
    public byte[] buffer() {
        return buf;
    }

    /** Offset of the current line in {@link #buffer()}. */
    public int start() {
        return lineStart;
    }

    /** Length of the current line in bytes, without its {@code \n} or {@code \r\n}. */
    public int length() {
        return lineLength;
    }

    /** 1-based number of the current line; 0 before the first {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Offset in the stream (bytes from its start) of the first byte of the current line. */
    public long byteOffset() {
        return lineOffset;
    }

    /** Whether the current line was longer than {@link #maxLineLength()} and has been cut. */
    public boolean truncated() {
        return truncated;
    }

    /** How many lines read so far were truncated. */
    public long truncatedLines() {
        return truncatedLines;
    }

    /** The maximum length of a returned line, in bytes. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
