package dev.mailtrace.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.mailtrace.event.EnhancedStatusCode;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;

/**
 * Helpers for a dialect's event types: declaring a type from shared field groups, and writing
 * values that skip what is absent (null strings, false flags). Negative counts and NaN decimals
 * are {@link FieldWriter#count} and {@link FieldWriter#optionalDecimal}. A dialect keeps its own
 * field constants in a class that extends this one (as with {@link ByteScanning}), so that
 * {@code F.str(...)} reaches both.
 */
public class DialectFields {

    /** The reply code of a refusal or delivery. */
    public static final FieldSpec CODE = FieldSpec.number("code", "SMTP reply code");
    /** The enhanced status code, written with {@link #DSN_MEANING} by {@link #dsn}. */
    public static final FieldSpec DSN = FieldSpec.keyword("dsn", "enhanced status code (RFC 3463)");
    /** What {@link #DSN} means. */
    public static final FieldSpec DSN_MEANING = FieldSpec.text("dsn_meaning", "what the enhanced status code means");
    /** A refusal's {@link RejectReason}, by its label. */
    public static final FieldSpec REASON = FieldSpec.keyword("reason", "refusal classified: "
            + Arrays.stream(RejectReason.values()).map(RejectReason::label).collect(Collectors.joining(", ")));
    /** The text of a line the dialect does not take apart further. */
    public static final FieldSpec MESSAGE = FieldSpec.text("message", "the text of the line after its prefixes");
    /** An error as the program logged it. */
    public static final FieldSpec ERROR = FieldSpec.text("error", "what went wrong, as logged");

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
