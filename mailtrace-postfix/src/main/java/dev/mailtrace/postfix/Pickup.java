package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageAccepted;

/**
 * pickup queued a locally submitted message (sendmail, postdrop): {@code 4F9D195432C: uid=1000
 * from=<alice>}. Starts a transaction; there is no client.
 *
 * @param queueId the new queue id
 * @param uid the submitting user id, or -1
 * @param sender the envelope sender
 * @param origQueueId the original queue id ({@code orig_id=}, postfix 3.x re-queued mail), or null
 */
public record Pickup(String queueId, long uid, String sender, String origQueueId) implements MessageAccepted {

    /** {@code postfix/pickup}. */
    public static final EventType TYPE = F.type("pickup", "pickup accepted a locally submitted message",
            F.QUEUE_ID, FieldSpec.number("uid", "user id of the submitter"), F.FROM,
            FieldSpec.keyword("orig_queue_id", "the message's previous queue id (orig_id=)"));

    @Override
    public EventType type() {
        return TYPE;
    }

    /** Always null: a local submission. */
    @Override
    public Client client() {
        return null;
    }

    @Override
    public String saslUsername() {
        return null;
    }

    @Override
    public String saslMethod() {
        return null;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        out.count("uid", uid);
        F.str(out, "from", sender);
        F.str(out, "orig_queue_id", origQueueId);
    }
}
