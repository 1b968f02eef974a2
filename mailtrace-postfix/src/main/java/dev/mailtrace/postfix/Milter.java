package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.RejectionFields;

/**
 * A milter's verdict on a queued message, as cleanup logs it:
 * {@code 4F9D195432C: milter-reject: END-OF-MESSAGE from mail.example.org[192.0.2.1]: 5.7.1 Blocked by
 * SpamAssassin; from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<mail>},
 * {@code milter-hold}, {@code milter-discard}, and the header/body checks applied after milters
 * ({@code milter-header-redirect: header X-Spam: yes from ...; ...: admin@example.org}). A
 * {@code milter-reject} is wrapped in a {@link MilterReject}. (smtpd's milter refusals during the
 * dialogue are {@link Reject}s.)
 *
 * @param queueId the queue id
 * @param action the action after {@code milter-}: reject, hold, discard, header-redirect, ...
 * @param stage the SMTP stage (END-OF-MESSAGE), or null for header/body actions
 * @param check header or body for header/body actions, or null
 * @param text the matching header or body line, or null
 * @param message the context as logged, between the action and {@code ; from=}
 * @param client the SMTP client, or null
 * @param code the reply code, or -1
 * @param dsn the enhanced status code, or null
 * @param reasonText the milter's text without code and DSN, or null
 * @param sender {@code from=}, or null
 * @param recipient {@code to=}, or null
 * @param proto {@code proto=}, or null
 * @param helo {@code helo=}, or null
 * @param actionText the text after the context (redirect address, ...), or null
 */
public record Milter(String queueId, String action, String stage, String check, String text, String message,
        Client client, int code, String dsn, String reasonText, String sender, String recipient, String proto,
        String helo, String actionText) implements QueueEvent, RejectionFields {

    /** {@code postfix/milter}. */
    public static final EventType TYPE = F.type("milter", "a milter's verdict on a queued message (cleanup)",
            F.QUEUE_ID, FieldSpec.keyword("action", "reject, hold, discard, header-redirect, body-reject, ... (after milter-)"),
            F.STAGE, F.CHECK, F.TEXT, F.MESSAGE, F.client("client"), F.CODE, F.DSN, F.DSN_MEANING, F.REASON_TEXT,
            F.REASON, F.FROM, F.TO, F.PROTO, F.HELO, F.ACTION_TEXT);

    /** Whether the message was refused. */
    public boolean rejected() {
        return "reject".equals(action) || action.endsWith("-reject");
    }

    /** The refusal classified. */
    public RejectReason reason() {
        return RejectReason.classify(code, dsn, reasonText != null ? reasonText : actionText);
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "action", action);
        F.str(out, "stage", stage);
        F.str(out, "check", check);
        F.str(out, "text", text);
        F.str(out, "message", message);
        F.client(out, "client", client);
        out.count("code", code);
        F.dsn(out, dsn);
        F.str(out, "reason_text", reasonText);
        if (rejected()) {
            out.string("reason", reason().label());
        }
        F.envelope(out, sender, recipient, proto, helo);
        F.str(out, "action_text", actionText);
    }
}
