package dev.mailtrace.event;

/**
 * Receives an event's fields without boxing or maps; implemented by the outputs. Absent values
 * are simply not written: callers skip nulls and negative "unknown" numbers themselves or use the
 * helpers, which do.
 */
public interface FieldWriter {

    /** A text field; {@code null} is skipped. */
    void string(String name, String value);

    /** An integer field. */
    void number(String name, long value);

    /** A decimal field. */
    void decimal(String name, double value);

    /** A boolean field. */
    void bool(String name, boolean value);

    /** An integer field that is absent when negative (our "unknown"). */
    default void count(String name, long value) {
        if (value >= 0) {
            number(name, value);
        }
    }

    /** A decimal field that is absent when NaN. */
    default void optionalDecimal(String name, double value) {
        if (!Double.isNaN(value)) {
            decimal(name, value);
        }
    }
}
