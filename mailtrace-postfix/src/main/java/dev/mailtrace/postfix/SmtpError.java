package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;

/**
 * A problem the SMTP/LMTP client had with a server during a session:
 * {@code 4F9D195432C: host mx.example.net[192.0.2.1] said: 450 4.7.1 <b@example.net>: Recipient
 * address rejected: Greylisted (in reply to RCPT TO command)}, {@code ... refused to talk to me: ...},
 * {@code lost connection with ... while receiving the initial server greeting},
 * {@code conversation with ... timed out while sending message body},
 * {@code SASL authentication failed; server ... said: 535 ...}, and {@code host ... offers SMTPUTF8
 * support, but not 8BITMIME}.
 *
 * @param queueId the queue id, or null
 * @param error lost connection, conversation timed out, host said, refused to talk,
 *     SASL authentication failed, no 8BITMIME
 * @param relay the server
 * @param response the server's reply, or null
 * @param stage the command it replied to ({@code RCPT TO}, {@code end of DATA}), or null
 * @param during what the client was doing ({@code while ...}), or null
 */
public record SmtpError(String queueId, String error, Relay relay, String response, String stage, String during)
        implements QueueEvent {

    /** {@code postfix/smtp_error}. */
    public static final EventType TYPE = F.type("smtp_error",
            "the SMTP/LMTP client's session problem: server reply, lost connection, timeout, refused, SASL failure",
            F.QUEUE_ID, FieldSpec.keyword("error", "lost connection, conversation timed out, host said, "
                    + "refused to talk, SASL authentication failed, no 8BITMIME"), F.relay("relay"),
            FieldSpec.text("response", "the server's reply"),
            FieldSpec.keyword("stage", "the command the server replied to: RCPT TO, MAIL FROM, end of DATA, ..."),
            FieldSpec.keyword("during",
                    "what the client was doing: receiving the initial server greeting, sending RCPT TO, ..."));

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "error", error);
        F.relay(out, "relay", relay);
        F.str(out, "response", response);
        F.str(out, "stage", stage);
        F.str(out, "during", during);
    }
}
