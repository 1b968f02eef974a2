package dev.mailtrace.grok;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The type a capture is converted to when it is materialised, written as the third part of a
 * reference: {@code %{NUMBER:bytes:int}}.
 *
 * <p>Conversions are exactly those of Elasticsearch's grok ({@code Integer.parseInt},
 * {@code Float.parseFloat}, {@code Boolean.parseBoolean}, ...), so that typed captures are equal.
 * Unlike Elasticsearch, an unknown type name is a compile error instead of silently meaning
 * {@code string}.
 */
public enum GrokType {
    /** The captured text, decoded as UTF-8. The default. */
    STRING("string"),
    /** {@link Integer#parseInt(String)}. */
    INT("int"),
    /** {@link Long#parseLong(String)}. */
    LONG("long"),
    /** {@link Float#parseFloat(String)}. */
    FLOAT("float"),
    /** {@link Double#parseDouble(String)}. */
    DOUBLE("double"),
    /** {@link Boolean#parseBoolean(String)}: {@code true} ignoring case, anything else is {@code false}. */
    BOOLEAN("boolean");

    private final String grokName;

    GrokType(String grokName) {
        this.grokName = grokName;
    }

    /** The name used in patterns, e.g. {@code int}. */
    public String grokName() {
        return grokName;
    }

    /**
     * Looks a type up by the name used in patterns.
     *
     * @return the type, or {@code null} if there is none of that name
     */
    public static GrokType forGrokName(String name) {
        for (GrokType t : values()) {
            if (t.grokName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The names valid in patterns, for error messages. */
    static String validNames() {
        return Arrays.stream(values()).map(GrokType::grokName).collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * Converts captured text to this type.
     *
     * @throws NumberFormatException if the text is not a number of this type
     */
    public Object convert(String text) {
        switch (this) {
            case INT: return Integer.parseInt(text);
            case LONG: return Long.parseLong(text);
            case FLOAT: return Float.parseFloat(text);
            case DOUBLE: return Double.parseDouble(text);
            case BOOLEAN: return Boolean.parseBoolean(text);
            default: return text;
        }
    }

    @Override
    public String toString() {
        return grokName.toLowerCase(Locale.ROOT);
    }
}
