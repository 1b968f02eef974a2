package dev.mailtrace.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the lines of one or more log sources in turn (the files of a {@linkplain RotatedLogs
 * rotated set}, standard input), as UTF-8 slices of a reused buffer, each with its source.
 *
 * <pre>{@code
 * try (LogReader in = LogReader.builder().charset(StandardCharsets.ISO_8859_1)
 *         .open(RotatedLogs.list(Path.of("/var/log/maillog")))) {
 *     while (in.next()) {
 *         if (in.firstLineOfSource()) {
 *             scanner.startSource(in.sourceModified());          // year reference per file
 *         }
 *         scanner.scan(in.buffer(), in.start(), in.length(), header);
 *         ... in.sourceName(), in.lineNumber(), in.byteOffset() ...
 *     }
 *     System.err.println(in.invalidUtf8Lines() + " lines with invalid UTF-8");
 * }
 * }</pre>
 *
 * <p><b>Sources</b> are opened one at a time, when the previous one is exhausted, with
 * {@link LogInput} (gzip detected by content; {@code -} is standard input). Line numbers and
 * byte offsets start afresh in each source.
 *
 * <p><b>Charsets.</b> Lines reach the caller as UTF-8 bytes whatever the input charset:
 * <ul>
 *   <li>UTF-8 (the default): bytes are passed through. A line that is not well-formed UTF-8 is
 *       delivered unchanged, flagged {@link #invalidUtf8()} and counted, never dropped: the
 *       grok engine and the header scanner work on any bytes, and decoding to a {@code String}
 *       replaces the bad bytes with U+FFFD. A UTF-8 byte order mark at the start of a source
 *       is skipped.</li>
 *   <li>an ASCII-compatible single-byte charset (ISO-8859-1 as some rsyslog setups write,
 *       ISO-8859-15, windows-1252): every line is transcoded into UTF-8 in a buffer allocated
 *       once. A byte the charset leaves undefined (five in windows-1252) becomes U+FFFD and the
 *       line is flagged {@link #invalidUtf8()} too.</li>
 * </ul>
 *
 * <p><b>Long lines</b> are cut at the {@linkplain Builder#maxLineLength maximum}, flagged
 * {@link #truncated()} and counted, as {@link LineReader} does; a UTF-8 sequence split by the
 * cut is dropped from the end so that the cut alone never makes a line invalid.
 *
 * <p>No allocation per line. Not thread-safe; the slice is valid until the next {@link #next()}.
 */
public final class LogReader implements Closeable {

    private static final String STDIN_NAME = LogInput.STDIN;

    private final List<Path> paths;
    private final InputStream stdin;
    private final String streamName;
    private final int maxLineLength;
    private final SingleByteCharset legacy;
    private final byte[] transcoded;

    private int sourceIndex = -1;
    private String sourceName;
    private Path sourcePath;
    private Instant sourceModified;
    private LineReader reader;

    private byte[] lineBuffer;
    private int lineStart;
    private int lineLength;
    private boolean invalid;

    private long lines;
    private long truncatedLines;
    private long invalidLines;
    private boolean closed;

    private LogReader(Builder b, List<Path> paths, String streamName, InputStream stream) {
        this.paths = paths;
        this.streamName = streamName;
        this.stdin = stream != null ? stream : b.stdin;
        this.maxLineLength = b.maxLineLength;
        this.legacy = b.legacy;
        this.transcoded = legacy == null ? null : new byte[maxLineLength * SingleByteCharset.maxExpansion()];
    }

    /** A builder with the defaults: UTF-8, lines of at most {@value LineReader#DEFAULT_MAX_LINE_LENGTH} bytes. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Advances to the next line, opening the next source when one ends.
     *
     * @return false when every source is exhausted
     * @throws IOException if a source cannot be opened or read (the message names it)
     */
    public boolean next() throws IOException {
        if (closed) {
            return false;
        }
        while (true) {
            if (reader == null && !openNext()) {
                return false;
            }
            if (reader.next()) {
                take(reader);
                return true;
            }
            reader.close();
            reader = null;
        }
    }

    private boolean openNext() throws IOException {
        int count = streamName != null ? 1 : Math.max(paths.size(), 1);
        if (sourceIndex + 1 >= count) {
            return false;
        }
        sourceIndex++;
        InputStream in;
        if (streamName != null) {
            sourceName = streamName;
            sourcePath = null;
            sourceModified = null;
            in = LogInput.decompressing(stdin);
        } else {
            Path p = paths.isEmpty() ? null : paths.get(sourceIndex);
            if (p == null || LogInput.isStdin(p.toString())) {
                sourceName = STDIN_NAME;
                sourcePath = null;
                sourceModified = null;
                in = LogInput.open(null, stdin);
            } else {
                sourceName = p.toString();
                sourcePath = p;
                in = LogInput.open(p, stdin);
                try {
                    sourceModified = Files.getLastModifiedTime(p).toInstant();
                } catch (IOException | RuntimeException e) {
                    in.close();
                    throw e;
                }
            }
        }
        reader = new LineReader(in, maxLineLength);
        return true;
    }

    private void take(LineReader r) {
        byte[] b = r.buffer();
        int s = r.start();
        int e = s + r.length();
        lines++;
        if (r.truncated()) {
            truncatedLines++;
        }
        if (legacy == null) {
            if (r.lineNumber() == 1 && e - s >= 3 && b[s] == (byte) 0xEF && b[s + 1] == (byte) 0xBB && b[s + 2] == (byte) 0xBF) {
                s += 3;
            }
            if (r.truncated()) {
                e = Utf8.withoutCutSequence(b, s, e);
            }
            invalid = !Utf8.isValid(b, s, e);
            lineBuffer = b;
            lineStart = s;
            lineLength = e - s;
        } else {
            int n = legacy.transcode(b, s, e, transcoded);
            invalid = n < 0;
            lineBuffer = transcoded;
            lineStart = 0;
            lineLength = n < 0 ? -n - 1 : n;
        }
        if (invalid) {
            invalidLines++;
        }
    }

    /** The buffer holding the current line as UTF-8; reused, overwritten by {@link #next()}. */
    public byte[] buffer() {
        return lineBuffer;
    }

    /** Offset of the current line in {@link #buffer()}. */
    public int start() {
        return lineStart;
    }

    /** Length of the current line in bytes (UTF-8), without its terminator. */
    public int length() {
        return lineLength;
    }

    /** The current line decoded (allocates; for slow paths and tests). Invalid UTF-8 becomes U+FFFD. */
    public String lineAsString() {
        return new String(lineBuffer, lineStart, lineLength, StandardCharsets.UTF_8);
    }

    /** Whether the current line held bytes that are not valid in the input charset (see the class comment). */
    public boolean invalidUtf8() {
        return invalid;
    }

    /** Whether the current line was longer than the maximum and has been cut. */
    public boolean truncated() {
        return reader != null && reader.truncated();
    }

    /** 1-based number of the current line in its source. */
    public long lineNumber() {
        return reader == null ? 0 : reader.lineNumber();
    }

    /**
     * Offset of the current line's first byte from the start of its source, as stored (for gzip,
     * in the decompressed data; before transcoding; a skipped byte order mark included).
     */
    public long byteOffset() {
        return reader == null ? 0 : reader.byteOffset();
    }

    /** Whether the current line is the first of its source: time to reset per-file state (year inference). */
    public boolean firstLineOfSource() {
        return reader != null && reader.lineNumber() == 1;
    }

    /** The current source's name as given ({@code -} for standard input). */
    public String sourceName() {
        return sourceName;
    }

    /** The current source's path, or {@code null} for a stream. */
    public Path sourcePath() {
        return sourcePath;
    }

    /** 0-based index of the current source in the list given to the builder. */
    public int sourceIndex() {
        return sourceIndex;
    }

    /** The current file's last-modified time (the default year reference), or {@code null} for a stream. */
    public Instant sourceModified() {
        return sourceModified;
    }

    /** The current line's source (allocates; for events and error messages). */
    public LineSource source() {
        return new LineSource(sourceName, lineNumber(), byteOffset());
    }

    /** Lines read so far, over all sources. */
    public long lines() {
        return lines;
    }

    /** Lines cut at the maximum length so far. */
    public long truncatedLines() {
        return truncatedLines;
    }

    /** Lines flagged {@link #invalidUtf8()} so far. */
    public long invalidUtf8Lines() {
        return invalidLines;
    }

    /** The input charset. */
    public Charset charset() {
        return legacy == null ? StandardCharsets.UTF_8 : legacy.charset();
    }

    /** Closes the current source; {@link #next()} then returns false. Standard input stays open. */
    @Override
    public void close() throws IOException {
        closed = true;
        if (reader != null) {
            LineReader r = reader;
            reader = null;
            r.close();
        }
    }

    /** Configures a {@link LogReader}; the options are checked when set. */
    public static final class Builder {

        private int maxLineLength = LineReader.DEFAULT_MAX_LINE_LENGTH;
        private SingleByteCharset legacy;
        private InputStream stdin = System.in;

        private Builder() {
        }

        /**
         * The input charset: UTF-8 (the default) or an ASCII-compatible single-byte charset,
         * transcoded to UTF-8.
         *
         * @throws IllegalArgumentException for any other charset, naming it and what is supported
         */
        public Builder charset(Charset charset) {
            Objects.requireNonNull(charset, "charset");
            this.legacy = charset.equals(StandardCharsets.UTF_8) ? null : SingleByteCharset.of(charset);
            checkLimits();
            return this;
        }

        /**
         * The longest line kept whole, in input bytes (default
         * {@value LineReader#DEFAULT_MAX_LINE_LENGTH}); longer lines are truncated and counted.
         *
         * @throws IllegalArgumentException if not positive or too large
         */
        public Builder maxLineLength(int maxLineLength) {
            if (maxLineLength < 1) {
                throw new IllegalArgumentException("maxLineLength [" + maxLineLength + "] must be at least 1");
            }
            this.maxLineLength = maxLineLength;
            checkLimits();
            return this;
        }

        private void checkLimits() {
            int limit = legacy == null ? Integer.MAX_VALUE - 8 - 2 - 64 * 1024 : (Integer.MAX_VALUE - 16) / SingleByteCharset.maxExpansion();
            if (maxLineLength > limit) {
                throw new IllegalArgumentException("maxLineLength [" + maxLineLength + "] too large; at most [" + limit + "]"
                        + (legacy == null ? "" : " when transcoding from " + legacy.charset().name()));
            }
        }

        /** What {@code -} (and an empty file list) reads; default {@link System#in}. It is never closed. */
        public Builder stdin(InputStream stdin) {
            this.stdin = Objects.requireNonNull(stdin, "stdin");
            return this;
        }

        /**
         * A reader over {@code files} in order ({@code -} for standard input; an empty list reads
         * standard input). Nothing is opened until the first {@link LogReader#next()}.
         */
        public LogReader open(List<Path> files) {
            List<Path> copy = new ArrayList<>(files.size());
            for (Path p : files) {
                copy.add(Objects.requireNonNull(p, "file"));
            }
            return new LogReader(this, List.copyOf(copy), null, null);
        }

        /** A reader over one stream (gzip detected), reported as source {@code name}; closing the reader closes it. */
        public LogReader open(String name, InputStream in) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(in, "in");
            return new LogReader(this, List.of(), name, in);
        }
    }
}
