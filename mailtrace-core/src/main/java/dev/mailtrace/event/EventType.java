package dev.mailtrace.event;

import java.util.List;
import java.util.Objects;

/**
 * A kind of event a dialect produces: {@code postfix} / {@code delivery}, with its fields.
 * Compare by identity or by {@link #dialect()} and {@link #name()}.
 *
 * @param dialect the dialect's name, or {@code syslog} / {@code unknown} for the framework's own
 * @param name the event name as written in output ({@code "event":"delivery"}), snake_case
 * @param description one line for people
 * @param fields the fields it can carry, in output order
 */
public record EventType(String dialect, String name, String description, List<FieldSpec> fields) {

    public EventType {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        fields = List.copyOf(fields);
    }

    /** Shorthand for {@code new EventType(dialect, name, description, List.of(fields))}. */
    public static EventType of(String dialect, String name, String description, FieldSpec... fields) {
        return new EventType(dialect, name, description, List.of(fields));
    }

    @Override
    public String toString() {
        return dialect + "/" + name;
    }
}
