package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.RejectionFields;

/**
 * A check ruleset's verdict (parseaddr.c {@code rscheck}): {@code s1NLaDQT022248:
 * ruleset=check_rcpt, arg1=<x@example.it>, relay=int0.example.net [192.0.2.119] (may be forged),
 * reject=550 5.7.1 <x@example.it>... Relaying denied. IP name possibly forged [192.0.2.119]},
 * {@code ruleset=check_relay, arg1=host.example.com, arg2=192.0.2.123, relay=host.example.com
 * [192.0.2.123], reject=421 4.3.2 Connection rate limit exceeded.}, and the {@code , discard} and
 * {@code , quarantine=...} verdicts. A {@code reject} of an inbound check is emitted as
 * {@link RulesetReject}, a {@link dev.mailtrace.event.Rejection}; {@code tls_server},
 * {@code tls_rcpt}, {@code try_tls} and {@code clt_features} judge the server sendmail delivers to,
 * so their peer is written as {@code relay_*} and they are no rejection of incoming mail.
 *
 * @param queueId the queue id, or null (check_relay runs before one exists)
 * @param ruleset the ruleset: check_relay, check_mail, check_rcpt, check_data, check_eoh, check_eom,
 *     check_compat, check_etrn, check_vrfy, check_expn, tls_server, tls_client, ...
 * @param arg1 {@code arg1=} as logged
 * @param arg2 {@code arg2=} as logged, or null
 * @param peer {@code relay=}, or null
 * @param action {@code reject}, {@code discard} or {@code quarantine}
 * @param code the reply code of a reject, or -1
 * @param dsn the enhanced status code of a reject, or null
 * @param reasonText the refusal text without code, DSN and the {@code <address>... } subject, or null
 * @param response {@code reject=} or {@code quarantine=} as logged, or null
 */
public record Ruleset(String queueId, String ruleset, String arg1, String arg2, Peer peer, String action, int code,
        String dsn, String reasonText, String response) implements RejectionFields {

    /** {@code sendmail/ruleset}. */
    public static final EventType TYPE = F.type("ruleset",
            "a check ruleset rejected, discarded or quarantined (ruleset=, arg1=, relay=, reject=)",
            F.QUEUE_ID, FieldSpec.keyword("ruleset", "check_relay, check_mail, check_rcpt, tls_server, ..."), F.STAGE,
            FieldSpec.keyword("arg1", "the ruleset's first argument as logged"),
            FieldSpec.keyword("arg2", "the ruleset's second argument as logged"),
            FieldSpec.keyword("from", "the sender, from arg1 of check_mail"),
            FieldSpec.keyword("to", "the recipient, from arg1 of check_rcpt"),
            F.peer("client", "client (relay= of inbound checks)"),
            F.peer("relay", "server (relay= of tls_server, tls_rcpt, try_tls, clt_features)"),
            FieldSpec.keyword("action", "reject, discard or quarantine"), F.CODE, F.DSN, F.DSN_MEANING, F.REASON_TEXT,
            F.REASON, F.RESPONSE);

    /** Whether the ruleset judged the server sendmail was delivering to rather than an incoming client. */
    public boolean outbound() {
        switch (ruleset) {
            case "tls_server": case "tls_rcpt": case "try_tls": case "clt_features": return true;
            default: return false;
        }
    }

    /** Whether this refused incoming mail. */
    public boolean refused() {
        return "reject".equals(action) && !outbound();
    }

    @Override
    public String stage() {
        switch (ruleset) {
            case "check_relay": case "srv_features": return "CONNECT";
            case "check_mail": return "MAIL";
            case "check_rcpt": return "RCPT";
            case "check_data": case "check_eoh": return "DATA";
            case "check_eom": return "END-OF-MESSAGE";
            case "check_etrn": return "ETRN";
            case "check_vrfy": return "VRFY";
            case "check_expn": return "EXPN";
            case "tls_client": case "tls_server": case "tls_rcpt": case "try_tls": case "clt_features": return "STARTTLS";
            default: return null;
        }
    }

    @Override
    public Client client() {
        return peer == null || outbound() ? null : peer.toClient();
    }

    @Override
    public String sender() {
        return "check_mail".equals(ruleset) ? EnvelopeLines.unbracket(arg1) : null;
    }

    @Override
    public String recipient() {
        return "check_rcpt".equals(ruleset) ? EnvelopeLines.unbracket(arg1) : null;
    }

    @Override
    public String helo() {
        return null;
    }

    @Override
    public RejectReason reason() {
        return Reasons.classify(code, dsn, reasonText != null ? reasonText : response);
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "ruleset", ruleset);
        F.str(out, "stage", stage());
        F.str(out, "arg1", arg1);
        F.str(out, "arg2", arg2);
        F.str(out, "from", sender());
        F.str(out, "to", recipient());
        F.peer(out, outbound() ? "relay" : "client", peer);
        F.str(out, "action", action);
        out.count("code", code);
        F.dsn(out, dsn);
        F.str(out, "reason_text", reasonText);
        if ("reject".equals(action)) {
            out.string("reason", reason().label());
        }
        F.str(out, "response", response);
    }
}
