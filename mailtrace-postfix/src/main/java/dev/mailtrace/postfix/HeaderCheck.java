package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.QueueEvent;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.RejectionFields;

/**
 * A header_checks/body_checks action (cleanup, or smtp_header_checks in the SMTP client):
 * {@code 4F9D195432C: reject: header Subject: win big from mail.example.org[192.0.2.1];
 * from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<mail>: 5.7.1 Message content rejected},
 * and {@code warning:}, {@code info:}, {@code hold:}, {@code discard:}, {@code redirect:},
 * {@code filter:}, {@code prepend:}, {@code replace:}, {@code strip:}, {@code bcc:}. A
 * {@code reject} is wrapped in a {@link HeaderCheckReject}.
 *
 * @param queueId the queue id
 * @param action the action as logged
 * @param check header, body, content or mime-error
 * @param text the matching header or body line (up to 200 bytes)
 * @param message the context as logged: check, text and origin ({@code header Subject: hi from host[addr]})
 * @param client the SMTP client, or null
 * @param origin the origin when not an SMTP client ({@code local}), or null
 * @param code the reply code of a refusal, or -1
 * @param dsn the enhanced status code of a refusal, or null
 * @param reasonText the refusal text without code and DSN, or null
 * @param sender {@code from=}, or null
 * @param recipient {@code to=}, or null
 * @param proto {@code proto=}, or null
 * @param helo {@code helo=}, or null
 * @param actionText the text after the context: refusal text, prepended/replacing text, redirect address
 */
public record HeaderCheck(String queueId, String action, String check, String text, String message, Client client,
        String origin, int code, String dsn, String reasonText, String sender, String recipient, String proto,
        String helo, String actionText) implements QueueEvent, RejectionFields {

    /** {@code postfix/header_check}. */
    public static final EventType TYPE = F.type("header_check",
            "header_checks/body_checks matched: reject, warning, info, hold, discard, redirect, prepend, replace, ...",
            F.QUEUE_ID, FieldSpec.keyword("action", "reject, warning, info, hold, discard, redirect, filter, prepend, "
                    + "replace, strip, bcc, ..."), F.CHECK, F.TEXT, F.MESSAGE, F.client("client"), F.ORIGIN, F.CODE,
            F.DSN, F.DSN_MEANING, F.REASON_TEXT, F.REASON, F.FROM, F.TO, F.PROTO, F.HELO, F.ACTION_TEXT);

    /** Whether the message was refused. */
    public boolean rejected() {
        return "reject".equals(action);
    }

    /** The refusal classified. */
    public RejectReason reason() {
        return RejectReason.classify(code, dsn, actionText);
    }

    /** Null: a header or body check does not log the SMTP stage ({@link HeaderCheckReject} says {@code DATA}). */
    @Override
    public String stage() {
        return null;
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "action", action);
        F.str(out, "check", check);
        F.str(out, "text", text);
        F.str(out, "message", message);
        F.client(out, "client", client);
        F.str(out, "origin", origin);
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
