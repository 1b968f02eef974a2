package dev.mailtrace.postfix;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.RejectionFields;

/**
 * An smtpd access, policy or milter action during the SMTP dialogue:
 * {@code NOQUEUE: reject_warning: RCPT from mail.example.org[192.0.2.1]: 554 5.7.1 <bob@example.net>:
 * Relay access denied; from=<alice@example.org> to=<bob@example.net> proto=ESMTP helo=<mail>}, and
 * likewise {@code warn}, {@code info}, {@code hold}, {@code discard}, {@code filter},
 * {@code redirect}, {@code bcc}, {@code delay}, {@code permit}, {@code milter-hold},
 * {@code milter-discard}. Refusals of the same shape ({@code reject}, {@code milter-reject}, ...)
 * are {@link Reject} events, which carry one of these.
 *
 * @param queueId the queue id, or null for {@code NOQUEUE}
 * @param action the action as logged
 * @param stage the SMTP stage
 * @param client the client
 * @param code the SMTP reply code, or -1
 * @param dsn the enhanced status code, or null
 * @param target what the action is about: the address or name in {@code <...>:} (or in
 *     {@code [...]} of a DNSBL refusal), or null
 * @param reasonText the text after code, DSN and target; for DNSBL refusals from {@code blocked using} on
 * @param rblDomain the DNS list of a DNSBL refusal, or null
 * @param response the whole reply or text as logged
 * @param sender {@code from=}, or null
 * @param recipient {@code to=}, or null
 * @param proto {@code proto=}, or null
 * @param helo {@code helo=}, or null
 * @param saslMethod {@code sasl_method=}, or null
 * @param saslUsername {@code sasl_username=}, or null
 * @param saslSender {@code sasl_sender=}, or null
 */
public record SmtpdAction(String queueId, String action, String stage, Client client, int code, String dsn,
        String target, String reasonText, String rblDomain, String response, String sender, String recipient,
        String proto, String helo, String saslMethod, String saslUsername, String saslSender) implements RejectionFields {

    static final Object[] FIELDS = {F.QUEUE_ID,
        FieldSpec.keyword("action", "reject, reject_warning, warn, hold, discard, filter, redirect, milter-reject, ..."),
        F.STAGE, F.client("client"), F.CODE, F.DSN, F.DSN_MEANING,
        FieldSpec.keyword("reject_target", "the address, host name or IP the reply is about (<...>: or DNSBL [...])"),
        F.REASON_TEXT, F.REASON, FieldSpec.keyword("rbl_domain", "the DNS block list that listed the client, sender or helo"),
        F.RESPONSE, F.kv()};

    /** {@code postfix/smtpd_action}. */
    public static final EventType TYPE = F.type("smtpd_action",
            "smtpd access/policy/milter action that did not refuse: reject_warning, warn, hold, discard, filter, redirect, ...",
            FIELDS);

    /**
     * Whether the line is about a refusal, real or (reject_warning) simulated: it has an SMTP error
     * code or DSN, or a reject action. Only then is {@code reason} written.
     */
    public boolean refusal() {
        return code >= 400 || dsn != null && dsn.charAt(0) != '2' || action.startsWith("reject")
                || action.equals("milter-reject") || action.equals("hangup") || action.equals("abort");
    }

    /** The refusal classified from code, DSN and text. */
    public RejectReason reason() {
        return RejectReason.classify(code, dsn, reasonText != null ? reasonText : response);
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
        F.client(out, "client", client);
        out.count("code", code);
        F.dsn(out, dsn);
        F.str(out, "reject_target", target);
        F.str(out, "reason_text", reasonText);
        if (refusal()) {
            out.string("reason", reason().label());
        }
        F.str(out, "rbl_domain", rblDomain);
        F.str(out, "response", response);
        F.envelope(out, sender, recipient, proto, helo);
        F.str(out, "sasl_method", saslMethod);
        F.str(out, "sasl_username", saslUsername);
        F.str(out, "sasl_sender", saslSender);
    }
}
