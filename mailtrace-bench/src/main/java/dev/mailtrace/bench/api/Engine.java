package dev.mailtrace.bench.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A regex engine a pattern set can be run on. */
public enum Engine {
    /** mailtrace's grok on joni, matching UTF-8 bytes: the reference the others are checked against. */
    MAILTRACE("mailtrace"),
    /**
     * The same expanded regexes on {@code java.util.regex}, group names renamed to what Java allows
     * and mapped back; lines are decoded to {@code String}s once, before any timing.
     */
    JDK("jdk"),
    /**
     * Elasticsearch's grok ({@code org.elasticsearch:elasticsearch-grok}) on its own joni, in an
     * isolated class loader; its jars come from the local Maven repository or are downloaded from
     * Maven Central on first use (see {@link EsGrokJars}).
     */
    ES_GROK("es-grok");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /** The name used on the command line and in JSON: {@code mailtrace}, {@code jdk}, {@code es-grok}. */
    public String label() {
        return label;
    }

    /**
     * The engine of a label, ignoring case.
     *
     * @throws IllegalArgumentException naming the label and the valid ones
     */
    public static Engine forLabel(String label) {
        for (Engine e : values()) {
            if (e.label.equalsIgnoreCase(label.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine [" + label + "]; available: ["
                + Arrays.stream(values()).map(Engine::label).collect(Collectors.joining(", ")) + "]");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
