package dev.mailtrace.postfix;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.LineRejection;

/**
 * smtpd or postscreen refused a client, sender or recipient:
 * {@code NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 Service unavailable; Client host
 * [192.0.2.1] blocked using zen.spamhaus.org; from=<a@example.org> to=<b@example.net> proto=ESMTP
 * helo=<x>} (also {@code milter-reject}, {@code hangup}, {@code abort}, and postscreen's
 * {@code NOQUEUE: reject: CONNECT from [192.0.2.1]:5555: too many connections}).
 *
 * @param line the fields of the line, shared with {@link SmtpdAction}
 */
public record Reject(SmtpdAction line) implements LineRejection<SmtpdAction> {

    /** {@code postfix/reject}. */
    public static final EventType TYPE = F.type("reject",
            "smtpd/postscreen refused a client, sender or recipient (NOQUEUE or queued)", SmtpdAction.FIELDS);

    @Override
    public EventType type() {
        return TYPE;
    }
}
