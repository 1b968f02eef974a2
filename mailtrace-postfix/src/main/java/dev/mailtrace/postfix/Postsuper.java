package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * An administrator's queue operation: {@code 4F9D195432C: placed on hold}, {@code requeued},
 * {@code released from hold}, {@code expired}, and the summaries {@code Deleted: 115 messages},
 * {@code Requeued: 1 message}, .... ({@code 4F9D195432C: removed} is a {@link Removed}.)
 *
 * @param queueId the queue id, or null for a summary
 * @param action the operation as logged
 * @param count the number of messages of a summary, or -1
 */
public record Postsuper(String queueId, String action, long count) implements LogEvent {

    /** {@code postfix/postsuper}. */
    public static final EventType TYPE = F.type("postsuper", "postsuper changed the queue: hold, release, requeue, expire",
            F.QUEUE_ID, FieldSpec.keyword("action", "placed on hold, released from hold, requeued, expired; "
                    + "summaries: Deleted, Requeued, Placed on hold, Released from hold, Force-expired"),
            FieldSpec.number("count", "messages affected (summaries)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "action", action);
        out.count("count", count);
    }
}
