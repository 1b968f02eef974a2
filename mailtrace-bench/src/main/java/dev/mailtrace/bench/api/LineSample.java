package dev.mailtrace.bench.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.mailtrace.io.LineReader;
import dev.mailtrace.io.LogInput;

/**
 * The lines a benchmark runs on, held in memory as one UTF-8 buffer with line offsets (no
 * {@code String} per line), so that every engine and every round sees exactly the same input and
 * reading files is never part of a measurement.
 *
 * <p>Immutable and thread-safe. Lines are numbered from 1 across the whole sample, in the order
 * the files were given.
 */
public final class LineSample {

    private final byte[] bytes;
    private final int[] starts;
    private final List<String> sources;
    private final int[] sourceStarts;

    private LineSample(byte[] bytes, int[] starts, List<String> sources, int[] sourceStarts) {
        this.bytes = bytes;
        this.starts = starts;
        this.sources = sources;
        this.sourceStarts = sourceStarts;
    }

    /**
     * Reads files (plain or gzip, detected by content), every line without its terminator.
     *
     * @param maxLines stop after this many lines in all ({@code Integer.MAX_VALUE} for all)
     * @throws IOException if a file cannot be read, or the lines exceed 2 GB (take a sample)
     */
    public static LineSample read(List<Path> files, int maxLines) throws IOException {
        Builder b = new Builder();
        for (Path file : files) {
            b.startSource(file.toString());
            try (InputStream in = LogInput.open(file); LineReader r = new LineReader(in)) {
                while (b.lines() < maxLines && r.next()) {
                    b.add(r.buffer(), r.start(), r.length());
                }
            }
        }
        return b.build();
    }

    /** A sample of the given lines (each without a line terminator), as one source "memory". */
    public static LineSample of(List<String> lines) {
        Builder b = new Builder();
        b.startSource("memory");
        for (String line : lines) {
            byte[] l = line.getBytes(StandardCharsets.UTF_8);
            b.add(l, 0, l.length);
        }
        return b.build();
    }

    /** Number of lines. */
    public int size() {
        return starts.length - 1;
    }

    /** The shared buffer; do not modify. */
    byte[] bytes() {
        return bytes;
    }

    /** Offset of line {@code i} (0-based) in {@link #bytes()}. */
    int start(int i) {
        return starts[i];
    }

    /** Length of line {@code i} in bytes. */
    int length(int i) {
        return starts[i + 1] - starts[i];
    }

    /** Total bytes of all lines, terminators not counted. */
    public long totalBytes() {
        return bytes.length;
    }

    /** Line {@code i} (0-based) decoded. */
    public String line(int i) {
        return new String(bytes, starts[i], length(i), StandardCharsets.UTF_8);
    }

    /** Every line decoded, for engines that need {@code String}s (decoded once, outside any timing). */
    String[] strings() {
        String[] out = new String[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = line(i);
        }
        return out;
    }

    /** The file line {@code i} (0-based) came from, as given. */
    public String source(int i) {
        return sources.get(sourceIndex(i));
    }

    /** Line number of line {@code i} (0-based) within its file, from 1. */
    public long lineInSource(int i) {
        return i - sourceStarts[sourceIndex(i)] + 1L;
    }

    private int sourceIndex(int i) {
        // The last source starting at or before i (empty sources share their start with the next).
        int k = 0;
        while (k + 1 < sourceStarts.length && sourceStarts[k + 1] <= i) {
            k++;
        }
        return k;
    }

    /** The files the lines came from, in order. */
    public List<String> sources() {
        return sources;
    }

    /** Accumulates lines into one buffer. */
    private static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        private int[] starts = new int[1024];
        private int n;
        private final List<String> sources = new ArrayList<>();
        private final List<Integer> sourceStarts = new ArrayList<>();

        void startSource(String name) {
            sources.add(Objects.requireNonNull(name));
            sourceStarts.add(n);
        }

        int lines() {
            return n;
        }

        void add(byte[] b, int off, int len) throws IllegalStateException {
            if ((long) out.size() + len > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("the lines exceed 2 GB: benchmark a sample (fewer lines)");
            }
            if (n + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[n++] = out.size();
            out.write(b, off, len);
        }

        LineSample build() {
            int[] s = Arrays.copyOf(starts, n + 1);
            s[n] = out.size();
            return new LineSample(out.toByteArray(), s, List.copyOf(sources),
                    sourceStarts.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
