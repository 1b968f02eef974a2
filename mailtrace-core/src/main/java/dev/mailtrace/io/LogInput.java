package dev.mailtrace.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens log input the way command-line tools do: a file, or standard input for {@code -} or no
 * file at all, gzip-decompressed when the data is gzip, whatever its name.
 *
 * <p>Compression is detected by the gzip magic bytes ({@code 1f 8b}), not by the file name:
 * logrotate's {@code delaycompress}, copied files and piped input often carry no {@code .gz}.
 * Concatenated gzip members (as {@code cat a.gz b.gz} produces) are read as one stream.
 */
public final class LogInput {

    /** The name that means standard input. */
    public static final String STDIN = "-";

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int GZIP_BUFFER = 64 * 1024;

    private LogInput() {
    }

    /** Whether {@code name} (a command-line argument) means standard input: {@code null} or {@code -}. */
    public static boolean isStdin(String name) {
        return name == null || STDIN.equals(name);
    }

    /**
     * Opens {@code path}, or {@link System#in} if it is {@code null} or {@code -}, decompressing
     * gzip transparently. Closing the returned stream does not close {@code System.in}.
     *
     * @throws IOException if the file cannot be opened, or its gzip header is corrupt
     */
    public static InputStream open(Path path) throws IOException {
        return open(path, System.in);
    }

    /**
     * As {@link #open(Path)}, with {@code stdin} standing for standard input (for embedding and
     * tests). Closing the returned stream does not close {@code stdin}.
     */
    public static InputStream open(Path path, InputStream stdin) throws IOException {
        if (path == null || STDIN.equals(path.toString())) {
            return decompressing(new NonClosing(stdin));
        }
        InputStream in = Files.newInputStream(path);
        try {
            return decompressing(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Returns {@code in} itself, or a decompressing stream over it if it starts with the gzip
     * magic bytes. Reads (and pushes back) at most two bytes to decide; never blocks beyond that.
     */
    public static InputStream decompressing(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 2);
        int b1 = p.read();
        if (b1 < 0) {
            return p;
        }
        int b2 = p.read();
        if (b2 >= 0) {
            p.unread(b2);
        }
        p.unread(b1);
        if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
            return new GZIPInputStream(p, GZIP_BUFFER);
        }
        return p;
    }

    /** Standard input must stay open for whoever else reads it (and for in-process callers). */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // deliberately not closing the wrapped stream
        }
    }
}
