package dev.mailtrace.dovecot;

import java.util.Objects;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * Any other line of a mail filter: start-up and configuration notices, batch statistics, warnings
 * and errors, with the queue id when the line names one. One record for the filter dialects; each
 * has its own {@link EventType} ({@code amavis/notice}, {@code opendkim/notice}, ...).
 *
 * @param type the event type of the dialect that read the line
 * @param queueId the MTA queue id the line names, or null
 * @param logId amavis's per-message log id ({@code (12345-01)}), or null
 * @param level warning or error when the filter marks it ({@code (!)}, {@code (!!)}), or null
 * @param message the text after the prefixes
 */
public record FilterNotice(EventType type, String queueId, String logId, String level, String message)
        implements LogEvent {

    public FilterNotice {
        Objects.requireNonNull(type, "type");
    }

    static final FieldSpec LOG_ID = FieldSpec.keyword("log_id", "amavis's log id of the message (pid-sequence)");

    /** The notice type of a filter dialect: queue id, optionally log id and level, message. */
    static EventType type(String dialect, boolean logId) {
        return logId ? F.eventType(dialect, "notice", "any other line: start-up, configuration, warnings and errors",
                F.QUEUE_ID, LOG_ID, F.LEVEL, F.MESSAGE)
                : F.eventType(dialect, "notice", "any other line: start-up, statistics, warnings and errors",
                F.QUEUE_ID, F.MESSAGE);
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "log_id", logId);
        F.str(out, "level", level);
        F.str(out, "message", message);
    }
}
