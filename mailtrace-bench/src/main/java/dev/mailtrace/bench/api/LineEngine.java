package dev.mailtrace.bench.api;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One engine running a pattern set over the lines of a {@link LineSample}, as a user of that
 * engine would: one instance per thread.
 */
interface LineEngine extends Closeable {

    /** {@link #match} result: no pattern matched. */
    int NO_MATCH = -1;
    /** {@link #match} result: a pattern ran out of its budget, which ends the line. */
    int TIMED_OUT = -2;

    /**
     * Runs the set on line {@code i} with the set's semantics.
     *
     * @return the index of the first pattern that matched, {@link #NO_MATCH} or {@link #TIMED_OUT}
     */
    int match(int i);

    /**
     * The typed captures of the last {@link #match}: field to its value, or to a list of its
     * values (engines differ in when they make a list; {@link #normalise} evens that out).
     * Allocates: for the agreement check only.
     */
    Map<String, ?> captures();

    @Override
    void close();

    /**
     * Captures in a form equal across engines: field to its values as text, sorted (engines list a
     * field captured twice in different orders).
     */
    static Map<String, List<String>> normalise(Map<String, ?> captures) {
        Map<String, List<String>> out = new TreeMap<>();
        captures.forEach((k, v) -> {
            List<String> values = new ArrayList<>();
            if (v instanceof List<?> l) {
                l.forEach(x -> values.add(String.valueOf(x)));
            } else {
                values.add(String.valueOf(v));
            }
            values.sort(null);
            out.put(k, values);
        });
        return out;
    }
}
