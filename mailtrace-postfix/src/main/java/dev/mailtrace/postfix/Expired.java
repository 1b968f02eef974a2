package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageExpired;

/**
 * qmgr gave up on a message: {@code 4F9D195432C: from=<alice@example.org>, status=expired,
 * returned to sender} ({@code force-expired} after {@code postsuper -e}).
 *
 * @param queueId the queue id
 * @param sender the envelope sender, empty for the null sender
 * @param status {@code expired} or {@code force-expired}
 */
public record Expired(String queueId, String sender, String status) implements MessageExpired {

    /** {@code postfix/expired}. */
    public static final EventType TYPE = F.type("expired", "qmgr returned a message to its sender after the queue lifetime",
            F.QUEUE_ID, F.FROM, FieldSpec.keyword("status", "expired or force-expired"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "from", sender);
        F.str(out, "status", status);
    }
}
