package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MessageAccepted;

/**
 * smtpd queued a message from a client: {@code 4F9D195432C: client=mail.example.org[192.0.2.1],
 * sasl_method=PLAIN, sasl_username=alice}. Starts a transaction.
 *
 * @param queueId the new queue id
 * @param client the client
 * @param saslMethod the SASL mechanism, or null
 * @param saslUsername the SASL login, or null
 * @param saslSender the SASL sender, or null
 * @param origQueueId the queue id the message had before an XFORWARD hop (content filter), or null
 * @param origClient the original client forwarded by XFORWARD/XCLIENT, or null
 */
public record SmtpdClient(String queueId, Client client, String saslMethod, String saslUsername, String saslSender,
        String origQueueId, Client origClient) implements MessageAccepted {

    /** {@code postfix/client}. */
    public static final EventType TYPE = F.type("client", "smtpd accepted a message from a client into the queue",
            F.QUEUE_ID, F.client("client"), F.SASL_METHOD, F.SASL_USERNAME, F.SASL_SENDER,
            FieldSpec.keyword("orig_queue_id", "queue id on the previous hop (XFORWARD from a content filter)"),
            F.client("orig_client"));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.client(out, "client", client);
        F.str(out, "sasl_method", saslMethod);
        F.str(out, "sasl_username", saslUsername);
        F.str(out, "sasl_sender", saslSender);
        F.str(out, "orig_queue_id", origQueueId);
        F.client(out, "orig_client", origClient);
    }

    /** The queue id on the content filter's side of an XFORWARD hop: links reinjected mail. */
    @Override
    public String previousQueueId() {
        return origQueueId;
    }
}
