package dev.mailtrace.parse;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.mailtrace.event.EventType;

/**
 * What a {@link LogParser} has seen: lines, events per type, unknown lines per program and reason,
 * and the input problems that were tolerated. Mutable, owned by one parser (one thread); merge
 * the stats of several parsers with {@link #add}.
 */
public final class ParseStats {

    private long lines;
    private long invalidUtf8;
    private long truncated;
    private final Map<EventType, long[]> events = new IdentityHashMap<>();
    private final Map<String, Map<String, long[]>> unknown = new TreeMap<>();

    void line(boolean invalidUtf8Line, boolean truncatedLine) {
        lines++;
        if (invalidUtf8Line) {
            invalidUtf8++;
        }
        if (truncatedLine) {
            truncated++;
        }
    }

    void event(EventType type) {
        long[] c = events.get(type);
        if (c == null) {
            events.put(type, c = new long[1]);
        }
        c[0]++;
    }

    void unknown(String program, String reason) {
        unknown.computeIfAbsent(program == null ? "" : program, p -> new TreeMap<>())
                .computeIfAbsent(reason, r -> new long[1])[0]++;
    }

    /** Adds another parser's counts to these. */
    public void add(ParseStats other) {
        lines += other.lines;
        invalidUtf8 += other.invalidUtf8;
        truncated += other.truncated;
        other.events.forEach((t, c) -> events.computeIfAbsent(t, k -> new long[1])[0] += c[0]);
        other.unknown.forEach((p, m) -> m.forEach((r, c) ->
                unknown.computeIfAbsent(p, k -> new TreeMap<>()).computeIfAbsent(r, k -> new long[1])[0] += c[0]));
    }

    /** Lines read. */
    public long lines() {
        return lines;
    }

    /** Lines with bytes that are not valid UTF-8. */
    public long invalidUtf8Lines() {
        return invalidUtf8;
    }

    /** Lines cut at the maximum length. */
    public long truncatedLines() {
        return truncated;
    }

    /** Events per type (including unknown and syslog notices), most frequent first. */
    public Map<EventType, Long> eventsByType() {
        Map<EventType, Long> out = new LinkedHashMap<>();
        events.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> out.put(e.getKey(), e.getValue()[0]));
        return Collections.unmodifiableMap(out);
    }

    /** Unknown lines per program ({@code ""} for lines without one) and reason. */
    public Map<String, Map<String, Long>> unknownByProgram() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        unknown.forEach((p, m) -> {
            Map<String, Long> reasons = new TreeMap<>();
            m.forEach((r, c) -> reasons.put(r, c[0]));
            out.put(p, Collections.unmodifiableMap(reasons));
        });
        return Collections.unmodifiableMap(out);
    }

    /** Total unknown lines. */
    public long unknownLines() {
        long n = 0;
        for (Map<String, long[]> m : unknown.values()) {
            for (long[] c : m.values()) {
                n += c[0];
            }
        }
        return n;
    }
}
