package dev.mailtrace.postfix;

import dev.mailtrace.event.EnvelopeSender;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;

/**
 * qmgr took a message into the active queue: {@code 4F9D195432C: from=<alice@example.org>,
 * size=2666, nrcpt=2 (queue active)}.
 *
 * @param queueId the queue id
 * @param sender the envelope sender, empty for the null sender
 * @param size the size in bytes, or -1
 * @param recipientCount the number of recipients, or -1
 */
public record Sender(String queueId, String sender, long size, int recipientCount) implements EnvelopeSender {

    /** {@code postfix/sender}. */
    public static final EventType TYPE = F.type("sender", "qmgr: envelope sender, size and recipient count (queue active)",
            F.QUEUE_ID, F.FROM, FieldSpec.number("size", "message size in bytes"),
            FieldSpec.number("nrcpt", "number of recipients"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "from", sender);
        out.count("size", size);
        out.count("nrcpt", recipientCount);
    }
}
