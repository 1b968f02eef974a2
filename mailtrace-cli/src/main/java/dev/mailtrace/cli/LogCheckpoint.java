package dev.mailtrace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import dev.mailtrace.io.LogInput;
import dev.mailtrace.io.RotatedLogs;

/**
 * How far {@code mailtrace index} read a log file, and what to read next time: only the lines added
 * since, surviving rotation (the file renamed to {@code maillog.1}, compressed to {@code maillog.1.gz}
 * or {@code maillog-20261125.gz}, a new {@code maillog} begun) and truncation ({@code copytruncate}).
 *
 * <p>A position is the file's identity (device and inode), the offset after the last complete line
 * read, and a digest of the file's first bytes (up to 4 KiB), which recognises the file after a
 * rotation compressed it (a new inode) and tells an inode reused for another file. A line still being
 * written (no newline yet) is left for the next run.
 *
 * @param path the file as given
 * @param fileKey its identity ({@link BasicFileAttributes#fileKey()}), or {@code ""} where the file system has none
 * @param offset bytes read, up to and including the last complete line's newline
 * @param headLength how many first bytes {@code headDigest} covers: {@code min(offset, 4096)}
 * @param headDigest SHA-256 of those bytes, hex
 */
record LogCheckpoint(String path, String fileKey, long offset, int headLength, String headDigest) {

    private static final int HEAD = 4096;

    /** What to read of one file argument now, and where it will then stand. */
    record Plan(InputStream input, LogCheckpoint next, String note) {
    }

    /**
     * The input of this run for {@code file}: the rest of its rotated predecessor (when it was rotated
     * since {@code previous}), then the new lines of the file, up to its last complete line.
     *
     * @param previous where the last run stopped, or null to read the whole file
     * @param warn told about lines that cannot be found any more
     */
    static Plan plan(Path file, LogCheckpoint previous, Consumer<String> warn) throws IOException {
        String key = fileKey(file);
        long end = lastLineEnd(file);
        LogCheckpoint next = at(file, key, end);
        if (previous == null) {
            return new Plan(slice(file, 0, end), next, "whole file");
        }
        if (key.equals(previous.fileKey) && end >= previous.offset && previous.headMatches(file)) {
            return new Plan(slice(file, previous.offset, end), next, "from byte " + previous.offset);
        }
        if (key.equals(previous.fileKey) && previous.headMatches(file)) {
            // same file, shorter than what was read: truncated in place (copytruncate)
            return new Plan(slice(file, 0, end), next, "truncated; whole file");
        }
        List<Path> rotated = new ArrayList<>(RotatedLogs.list(file));
        rotated.remove(file);
        Collections.reverse(rotated); // newest first: maillog.1 before maillog.2.gz
        for (Path old : rotated) {
            if (previous.isTheFileOf(old)) {
                InputStream rest = LogInput.open(old);
                rest.skipNBytes(previous.offset);
                return new Plan(new SequenceInputStream(rest, slice(file, 0, end)), next, "rest of " + old.getFileName() + ", then whole file");
            }
        }
        warn.accept("[" + file + "] was rotated and its previous version (read up to byte " + previous.offset
                + ") is not among its rotated files any more: lines written to it after the last run are missing");
        return new Plan(slice(file, 0, end), next, "whole file (previous version not found)");
    }

    /** Whether {@code candidate} (a rotated file, maybe compressed) is the file this position was taken of. */
    private boolean isTheFileOf(Path candidate) throws IOException {
        boolean compressed;
        try (InputStream in = Files.newInputStream(candidate)) {
            compressed = in.read() == 0x1f && in.read() == 0x8b;
        }
        if (!compressed && !fileKey(candidate).equals(fileKey)) {
            return false;
        }
        try (InputStream in = LogInput.open(candidate)) {
            byte[] head = in.readNBytes(headLength);
            return head.length == headLength && digest(head, headLength).equals(headDigest)
                    && in.skip(offset - headLength) == offset - headLength;
        }
    }

    private boolean headMatches(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(headLength);
            return head.length == headLength && digest(head, headLength).equals(headDigest);
        }
    }

    private static LogCheckpoint at(Path file, String key, long offset) throws IOException {
        int n = (int) Math.min(offset, HEAD);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(n);
        }
        return new LogCheckpoint(file.toString(), key, offset, n, digest(head, n));
    }

    static String fileKey(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return key == null ? "" : key.toString();
    }

    /** The offset after the last newline of {@code file} (0 if it has none). */
    static long lastLineEnd(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (pos > 0) {
                int n = (int) Math.min(buf.capacity(), pos);
                buf.clear().limit(n);
                ch.read(buf, pos - n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        return pos - n + i + 1;
                    }
                }
                pos -= n;
            }
            return 0;
        }
    }

    /** Bytes {@code [from, to)} of a plain file. */
    private static InputStream slice(Path file, long from, long to) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(from);
        InputStream in = Channels.newInputStream(ch);
        return new InputStream() {
            long left = to - from;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static String digest(byte[] bytes, int n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
