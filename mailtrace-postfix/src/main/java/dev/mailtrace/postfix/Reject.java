package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.Rejection;

/**
 * smtpd or postscreen refused a client, sender or recipient:
 * {@code NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 Service unavailable; Client host
 * [192.0.2.1] blocked using zen.spamhaus.org; from=<a@example.org> to=<b@example.net> proto=ESMTP
 * helo=<x>} (also {@code milter-reject}, {@code hangup}, {@code abort}, and postscreen's
 * {@code NOQUEUE: reject: CONNECT from [192.0.2.1]:5555: too many connections}).
 *
 * @param line the fields of the line, shared with {@link SmtpdAction}
 */
public record Reject(SmtpdAction line) implements Rejection {

    /** {@code postfix/reject}. */
    public static final EventType TYPE = F.type("reject",
            "smtpd/postscreen refused a client, sender or recipient (NOQUEUE or queued)", SmtpdAction.FIELDS);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        line.writeFields(out);
    }

    @Override
    public String queueId() {
        return line.queueId();
    }

    @Override
    public Client client() {
        return line.client();
    }

    @Override
    public String stage() {
        return line.stage();
    }

    @Override
    public int code() {
        return line.code();
    }

    @Override
    public String dsn() {
        return line.dsn();
    }

    @Override
    public String reasonText() {
        return line.reasonText();
    }

    @Override
    public RejectReason reason() {
        return line.reason();
    }

    @Override
    public String sender() {
        return line.sender();
    }

    @Override
    public String recipient() {
        return line.recipient();
    }

    @Override
    public String helo() {
        return line.helo();
    }
}
