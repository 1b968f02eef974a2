package dev.mailtrace.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps a program name, given as bytes of a log line, to its interned {@link String} and the
 * dialect that claims it, memoising each distinct program: after the first line of a program,
 * dispatch is one hash probe and one byte comparison, with no allocation.
 *
 * <p>Memory is bounded: past {@link #MAX_PROGRAMS} distinct programs (hostile or broken input)
 * the table starts over. Not thread-safe; one per thread, from {@link DialectRegistry#resolver()}.
 */
public final class ProgramResolver {

    /** Distinct programs remembered before the table is cleared. */
    public static final int MAX_PROGRAMS = 4096;

    private static final int CAPACITY = 8192; // power of two, twice MAX_PROGRAMS: short probe chains

    private final DialectRegistry registry;
    private final byte[][] keys = new byte[CAPACITY][];
    private final String[] programs = new String[CAPACITY];
    private final LogDialect[] dialects = new LogDialect[CAPACITY];
    private int size;

    private String program;
    private LogDialect dialect;

    ProgramResolver(DialectRegistry registry) {
        this.registry = registry;
    }

    /**
     * Resolves the program in {@code bytes[start, end)}; read the answer with {@link #program()}
     * and {@link #dialect()}.
     */
    public void resolve(byte[] bytes, int start, int end) {
        int h = hash(bytes, start, end);
        int mask = CAPACITY - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                insert(i, bytes, start, end);
                return;
            }
            if (Arrays.equals(k, 0, k.length, bytes, start, end)) {
                program = programs[i];
                dialect = dialects[i];
                return;
            }
        }
    }

    private void insert(int slot, byte[] bytes, int start, int end) {
        if (size >= MAX_PROGRAMS) {
            Arrays.fill(keys, null);
            Arrays.fill(programs, null);
            Arrays.fill(dialects, null);
            size = 0;
            resolve(bytes, start, end);
            return;
        }
        byte[] key = Arrays.copyOfRange(bytes, start, end);
        String name = new String(key, StandardCharsets.UTF_8);
        keys[slot] = key;
        programs[slot] = name;
        dialects[slot] = registry.dialectFor(name);
        size++;
        program = name;
        dialect = dialects[slot];
    }

    private static int hash(byte[] b, int start, int end) {
        int h = 0x811c9dc5;
        for (int i = start; i < end; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** The program of the last {@link #resolve}: the same instance for every line of that program. */
    public String program() {
        return program;
    }

    /** The dialect claiming the program of the last {@link #resolve}, or null. */
    public LogDialect dialect() {
        return dialect;
    }
}
