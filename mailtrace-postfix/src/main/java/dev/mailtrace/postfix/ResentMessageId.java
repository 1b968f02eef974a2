package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;

/**
 * cleanup {@code 4F9D195432C: resent-message-id=<...>} of a resent message.
 *
 * @param queueId the queue id
 * @param resentMessageId the Resent-Message-ID without angle brackets
 */
public record ResentMessageId(String queueId, String resentMessageId) implements QueueEvent {

    /** {@code postfix/resent_message_id}. */
    public static final EventType TYPE = F.type("resent_message_id", "cleanup logged a Resent-Message-ID",
            F.QUEUE_ID, FieldSpec.keyword("resent_message_id", "the Resent-Message-ID without angle brackets"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "resent_message_id", resentMessageId);
    }
}
