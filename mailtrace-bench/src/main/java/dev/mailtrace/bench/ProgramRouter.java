package dev.mailtrace.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers which {@link PostfixGrokDispatch} branch each program name takes, so that a line costs
 * one lookup instead of up to two dozen regex searches. The answer is a pure function of the
 * program text, so results are exactly {@link PostfixGrokDispatch#route(CharSequence)}'s; both
 * engines in the benchmarks use it, keeping the comparison about grok.
 *
 * <p>Lookups by bytes allocate nothing once a program has been seen. At most {@value #CAPACITY}
 * programs are remembered per form; beyond that the dispatch is evaluated every time. Not
 * thread-safe: one per thread.
 */
public final class ProgramRouter {

    /** Distinct programs remembered; a mail server has a few dozen. */
    static final int CAPACITY = 512;

    private static final int TABLE_SIZE = CAPACITY * 2;

    private final PostfixGrokDispatch dispatch;
    private final Map<String, Integer> byString = new HashMap<>();
    private final byte[][] keys = new byte[TABLE_SIZE][];
    private final int[] values = new int[TABLE_SIZE];
    private int byteEntries;

    /** A router over {@code dispatch}. */
    public ProgramRouter(PostfixGrokDispatch dispatch) {
        this.dispatch = dispatch;
    }

    /** The dispatch routed over. */
    public PostfixGrokDispatch dispatch() {
        return dispatch;
    }

    /** Index of the branch {@code program} takes, or -1 if none. */
    public int route(String program) {
        Integer cached = byString.get(program);
        if (cached != null) {
            return cached;
        }
        int index = evaluate(program);
        if (byString.size() < CAPACITY) {
            byString.put(program, index);
        }
        return index;
    }

    /** Index of the branch the UTF-8 program name in {@code bytes[start, end)} takes, or -1. */
    public int route(byte[] bytes, int start, int end) {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        int mask = TABLE_SIZE - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                int index = evaluate(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                if (byteEntries < CAPACITY) {
                    keys[slot] = Arrays.copyOfRange(bytes, start, end);
                    values[slot] = index;
                    byteEntries++;
                }
                return index;
            }
            if (Arrays.equals(key, 0, key.length, bytes, start, end)) {
                return values[slot];
            }
        }
    }

    private int evaluate(CharSequence program) {
        PostfixGrokDispatch.Route r = dispatch.route(program);
        return r == null ? -1 : r.index();
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }
}
