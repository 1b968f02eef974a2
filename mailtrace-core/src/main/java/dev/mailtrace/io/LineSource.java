package dev.mailtrace.io;

import java.util.Objects;

/**
 * Where a line came from, so that a user can find the raw line: the file as named to the reader
 * ({@code -} for standard input), the 1-based line number in it and the byte offset of the line's
 * first byte (in the decompressed stream for gzip files).
 *
 * @param file the file name as given, or {@code -}
 * @param line 1-based line number within the file
 * @param byteOffset offset of the line's first byte from the start of the (decompressed) file
 */
public record LineSource(String file, long line, long byteOffset) {

    public LineSource {
        Objects.requireNonNull(file, "file");
        if (line < 1 || byteOffset < 0) {
            throw new IllegalArgumentException("line [" + line + "] must be >= 1 and byteOffset [" + byteOffset + "] >= 0");
        }
    }

    /** {@code file:line}, the form editors and {@code grep -n} understand. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
