package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageIdentified;

/**
 * cleanup {@code 4F9D195432C: message-id=<20240101.abc@example.org>}: the key that follows a mail
 * across servers.
 *
 * @param queueId the queue id
 * @param messageId the Message-ID without angle brackets; empty when the message has none
 */
public record MessageId(String queueId, String messageId) implements MessageIdentified {

    /** {@code postfix/message_id}. */
    public static final EventType TYPE = F.type("message_id", "cleanup logged the message's Message-ID",
            F.QUEUE_ID, FieldSpec.keyword("message_id", "the Message-ID header without angle brackets"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "message_id", messageId);
    }
}
