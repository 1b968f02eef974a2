package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;

/**
 * qmgr {@code 4F9D195432C: skipped, still being delivered}: a queue scan found the message still in
 * delivery.
 *
 * @param queueId the queue id
 */
public record Skipped(String queueId) implements QueueEvent {

    /** {@code postfix/skipped}. */
    public static final EventType TYPE = F.type("skipped", "qmgr skipped a message that is still being delivered",
            F.QUEUE_ID);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
    }
}
