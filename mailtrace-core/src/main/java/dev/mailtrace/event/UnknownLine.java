package dev.mailtrace.event;

import java.util.Objects;

/**
 * A line nobody understood: no dialect claims its program, or the dialect that does has no rule
 * for it. Nothing is dropped: the raw line travels with the reason, and counts per program and
 * reason are kept.
 *
 * @param reason why: {@link #NO_HEADER}, {@link #UNCLAIMED}, {@link #UNRECOGNISED} or
 *     {@link #DIALECT_FAILED}
 * @param raw the whole line as read (decoded as UTF-8, invalid bytes replaced)
 */
public record UnknownLine(String reason, String raw) implements LogEvent {

    /** No syslog header could be read. */
    public static final String NO_HEADER = "no_syslog_header";
    /** No dialect claims the program. */
    public static final String UNCLAIMED = "unclaimed_program";
    /** The dialect claiming the program has no rule for the message. */
    public static final String UNRECOGNISED = "unrecognised_message";
    /** The dialect claiming the program failed on the line (a bug in that dialect). */
    public static final String DIALECT_FAILED = "dialect_failed";

    /** The type of every unknown line. */
    public static final EventType TYPE = EventType.of("unknown", "unknown",
            "a line no dialect understood; kept with the reason",
            FieldSpec.keyword("reason", NO_HEADER + ", " + UNCLAIMED + ", " + UNRECOGNISED + " or " + DIALECT_FAILED),
            FieldSpec.text("raw", "the line as read"));

    public UnknownLine {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.string("reason", reason);
        out.string("raw", raw);
    }
}
