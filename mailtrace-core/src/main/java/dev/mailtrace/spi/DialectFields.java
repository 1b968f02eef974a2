package dev.mailtrace.spi;

import java.util.ArrayList;
import java.util.List;

import dev.mailtrace.event.EnhancedStatusCode;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * Helpers for a dialect's event types: declaring a type from shared field groups, and writing
 * values that skip what is absent (null strings, false flags). Negative counts and NaN decimals
 * are {@link FieldWriter#count} and {@link FieldWriter#optionalDecimal}. A dialect keeps its own
 * field constants in a class that extends this one (as with {@link ByteScanning}), so that
 * {@code F.str(...)} reaches both.
 */
public class DialectFields {

    /** For dialects' field classes that extend this one; there is no instance state. */
    protected DialectFields() {
    }

    /**
     * An event type whose fields, in output order, are {@code parts}: each a {@link FieldSpec} or a
     * {@code FieldSpec[]} group shared by several types (a client's hostname, address and port).
     *
     * @throws IllegalArgumentException if a part is neither
     */
    public static EventType eventType(String dialect, String name, String description, Object... parts) {
        List<FieldSpec> fields = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof FieldSpec field) {
                fields.add(field);
            } else if (part instanceof FieldSpec[] group) {
                fields.addAll(List.of(group));
            } else {
                throw new IllegalArgumentException("field of event type [" + dialect + "/" + name
                        + "] is neither a FieldSpec nor a FieldSpec[]: [" + part + "]");
            }
        }
        return new EventType(dialect, name, description, fields);
    }

    /** Writes a text field unless {@code value} is null. */
    public static void str(FieldWriter out, String name, String value) {
        if (value != null) {
            out.string(name, value);
        }
    }

    /** Writes {@code name: true} when {@code value} is; a false flag is absent. */
    public static void flag(FieldWriter out, String name, boolean value) {
        if (value) {
            out.bool(name, true);
        }
    }

    /** Writes {@code dsn} and {@code dsn_meaning} ({@link EnhancedStatusCode#describe}) unless {@code dsn} is null. */
    public static void dsn(FieldWriter out, String dsn) {
        if (dsn != null) {
            out.string("dsn", dsn);
            str(out, "dsn_meaning", EnhancedStatusCode.describe(dsn));
        }
    }
}
