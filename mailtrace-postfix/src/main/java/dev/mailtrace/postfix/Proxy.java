package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.RejectionFields;

/**
 * The before-queue content filter's verdict (smtpd_proxy_filter): {@code proxy-accept:
 * END-OF-MESSAGE: 250 2.0.0 Ok: queued as 4dFwzS0zFVz3xHS; from=<a@example.org> to=<b@example.net>
 * proto=ESMTP helo=<x>}, or {@code proxy-reject: ...} (then wrapped in a {@link ProxyReject}).
 *
 * @param action {@code accept} or {@code reject}
 * @param stage the SMTP stage
 * @param code the reply code, or -1
 * @param dsn the enhanced status code, or null
 * @param reasonText the reply without code and DSN
 * @param response the filter's reply as logged (may be empty)
 * @param queuedAs the queue id the filter's downstream MTA gave the message, or null
 * @param sender {@code from=}, or null
 * @param recipient {@code to=}, or null
 * @param proto {@code proto=}, or null
 * @param helo {@code helo=}, or null
 * @param saslMethod {@code sasl_method=}, or null
 * @param saslUsername {@code sasl_username=}, or null
 * @param saslSender {@code sasl_sender=}, or null
 */
public record Proxy(String action, String stage, int code, String dsn, String reasonText, String response,
        String queuedAs, String sender, String recipient, String proto, String helo, String saslMethod,
        String saslUsername, String saslSender) implements RejectionFields {

    /** {@code postfix/proxy}. */
    public static final EventType TYPE = F.type("proxy", "before-queue content filter (smtpd_proxy_filter) verdict",
            FieldSpec.keyword("action", "accept or reject"), F.STAGE, F.CODE, F.DSN, F.DSN_MEANING, F.REASON_TEXT,
            F.REASON, F.RESPONSE, F.QUEUED_AS, F.kv());

    /** Whether the filter refused the message. */
    public boolean rejected() {
        return "reject".equals(action);
    }

    /** The refusal classified. */
    public RejectReason reason() {
        return RejectReason.classify(code, dsn, response);
    }

    /** Null: the filter's verdict names no queue id (the message is not queued yet). */
    @Override
    public String queueId() {
        return null;
    }

    /** Null: the line does not name the client. */
    @Override
    public Client client() {
        return null;
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "action", action);
        F.str(out, "stage", stage);
        out.count("code", code);
        F.dsn(out, dsn);
        F.str(out, "reason_text", reasonText);
        if (rejected()) {
            out.string("reason", reason().label());
        }
        F.str(out, "response", response);
        F.str(out, "queued_as", queuedAs);
        F.envelope(out, sender, recipient, proto, helo);
        F.str(out, "sasl_method", saslMethod);
        F.str(out, "sasl_username", saslUsername);
        F.str(out, "sasl_sender", saslSender);
    }
}
