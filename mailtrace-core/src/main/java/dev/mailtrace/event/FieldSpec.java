package dev.mailtrace.event;

import java.util.Objects;

/**
 * A field an event type can carry: for documentation, {@code mailtrace parse --list-fields} and
 * Elasticsearch mappings.
 *
 * @param name the field name as written ({@code client_ip})
 * @param kind its value kind
 * @param description one line for people
 */
public record FieldSpec(String name, Kind kind, String description) {

    /** Value kinds, as outputs map them. */
    public enum Kind {
        /** Free text. */
        TEXT,
        /** A short exact value: a queue id, an address, a status word. */
        KEYWORD,
        /** An IPv4 or IPv6 address. */
        IP,
        /** An integer. */
        LONG,
        /** A decimal number. */
        DOUBLE,
        /** true or false. */
        BOOLEAN
    }

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    /** A keyword field. */
    public static FieldSpec keyword(String name, String description) {
        return new FieldSpec(name, Kind.KEYWORD, description);
    }

    /** A text field. */
    public static FieldSpec text(String name, String description) {
        return new FieldSpec(name, Kind.TEXT, description);
    }

    /** An IP field. */
    public static FieldSpec ip(String name, String description) {
        return new FieldSpec(name, Kind.IP, description);
    }

    /** An integer field. */
    public static FieldSpec number(String name, String description) {
        return new FieldSpec(name, Kind.LONG, description);
    }

    /** A decimal field. */
    public static FieldSpec decimal(String name, String description) {
        return new FieldSpec(name, Kind.DOUBLE, description);
    }

    /** A boolean field. */
    public static FieldSpec bool(String name, String description) {
        return new FieldSpec(name, Kind.BOOLEAN, description);
    }
}
