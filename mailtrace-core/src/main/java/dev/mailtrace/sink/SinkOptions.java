package dev.mailtrace.sink;

import java.io.OutputStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The options a sink is opened with: names and string values, checked against the provider's
 * {@link SinkProvider#options()} before it is opened, plus the standard output that {@code -}
 * means.
 */
public final class SinkOptions {

    private final String sink;
    private final Map<String, String> values;
    private final OutputStream stdout;

    SinkOptions(String sink, Map<String, String> values, OutputStream stdout) {
        this.sink = sink;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.stdout = stdout;
    }

    /** Options for the sink {@code sink} without checking them (for providers' own tests and direct use). */
    public static SinkOptions of(String sink, Map<String, String> values, OutputStream stdout) {
        return new SinkOptions(Objects.requireNonNull(sink, "sink"), Objects.requireNonNull(values, "values"),
                Objects.requireNonNull(stdout, "stdout"));
    }

    /** Every option given. */
    public Map<String, String> values() {
        return values;
    }

    /** An option's value, or {@code def} when not given. */
    public String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    /** A boolean option ({@code true}/{@code false}), or {@code def}. */
    public boolean bool(String name, boolean def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new SinkException(sink, "option [" + name + "] must be true or false, got [" + v + "]", null);
    }

    /** A time zone option ({@code Europe/Berlin}, {@code UTC}), or {@code def}. */
    public ZoneId zone(String name, ZoneId def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new SinkException(sink, "option [" + name + "]: unknown time zone [" + v + "]", e);
        }
    }

    /** What {@code -} means for an output path: the process's (or the embedding command's) standard output. */
    public OutputStream stdout() {
        return stdout;
    }
}
