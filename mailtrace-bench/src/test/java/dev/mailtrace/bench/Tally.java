package dev.mailtrace.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts the comparisons of one test and keeps the first differences in full. */
final class Tally {

    private static final int KEEP = 25;

    private final String name;
    private final Map<Outcome.Kind, Integer> kinds = new EnumMap<>(Outcome.Kind.class);
    private final List<String> differences = new ArrayList<>();
    private final List<String> keyOrderOnly = new ArrayList<>();
    private final boolean keyOrder;
    private int compared;
    private int differing;
    private int keyOrderDiffering;

    /** A tally in which the order of the captured keys counts, as everywhere but across patterns. */
    Tally(String name) {
        this(name, true);
    }

    /**
     * @param keyOrder false to accept captures in another key order (counted and kept apart), for
     *     comparisons whose two sides are not meant to order keys alike
     */
    Tally(String name, boolean keyOrder) {
        this.name = name;
        this.keyOrder = keyOrder;
    }

    /** Records one comparison; returns whether the outcomes agree. */
    boolean compare(String where, String pattern, String line, Outcome es, Outcome ours) {
        compared++;
        if (es.sameAs(ours)) {
            kinds.merge(es.kind(), 1, Integer::sum);
            return true;
        }
        if (!keyOrder && es.sameAs(ours, false)) {
            kinds.merge(es.kind(), 1, Integer::sum);
            keyOrderDiffering++;
            if (keyOrderOnly.size() < 3) {
                keyOrderOnly.add(where + "\n  line:    " + line + "\n  es keys:   " + es.captures().keySet()
                        + "\n  our keys:  " + ours.captures().keySet());
            }
            return true;
        }
        differing++;
        if (differences.size() < KEEP) {
            differences.add(where + "\n  pattern: " + pattern + "\n  line:    " + line
                    + "\n  es:      " + es.describe() + "\n  ours:    " + ours.describe());
        }
        return false;
    }

    int compared() {
        return compared;
    }

    int count(Outcome.Kind kind) {
        return kinds.getOrDefault(kind, 0);
    }

    List<String> differences() {
        return differences;
    }

    int differing() {
        return differing;
    }

    int keyOrderDiffering() {
        return keyOrderDiffering;
    }

    List<String> keyOrderExamples() {
        return keyOrderOnly;
    }

    String summary() {
        return name + ": " + compared + " compared, " + count(Outcome.Kind.MATCH) + " matched in both"
                + (keyOrder ? "" : " (" + keyOrderDiffering + " with the same captures in another key order)")
                + ", " + count(Outcome.Kind.NO_MATCH) + " matched in neither, "
                + count(Outcome.Kind.CONVERSION_ERROR) + " conversion errors in both, "
                + count(Outcome.Kind.TIMEOUT) + " timed out in both, " + differing + " differ";
    }

    String report() {
        return summary() + (differences.isEmpty() ? "" : "; first differences:\n" + String.join("\n", differences));
    }
}
