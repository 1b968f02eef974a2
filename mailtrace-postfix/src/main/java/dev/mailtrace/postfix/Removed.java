package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageRemoved;

/**
 * The message left the queue: qmgr {@code 4F9D195432C: removed} after the last delivery, postsuper
 * {@code 4F9D195432C: removed} by an administrator, cleanup {@code removed (discarded)}.
 *
 * @param queueId the queue id
 * @param detail cleanup's reason in parentheses ({@code canceled}, {@code discarded}), or null
 */
public record Removed(String queueId, String detail) implements MessageRemoved {

    /** {@code postfix/removed}. */
    public static final EventType TYPE = F.type("removed", "the message left the queue (qmgr, postsuper -d, cleanup)",
            F.QUEUE_ID, FieldSpec.keyword("detail", "why cleanup removed it: canceled or discarded"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "detail", detail);
    }
}
