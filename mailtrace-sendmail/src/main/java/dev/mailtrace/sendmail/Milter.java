package dev.mailtrace.sendmail;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.RejectReason;
import dev.mailtrace.event.RejectionFields;

/**
 * A milter's action or state (milter.c, srvrsmtp.c): {@code Milter (spamass): init success to
 * inet:783@localhost}, {@code Milter (clamav) add: header: X-Virus-Scanned: clean}, {@code Milter add:
 * header: X-Spam-Status: No}, {@code Milter (x) change: header Subject: from a to b}, {@code Milter:
 * from=<a@example.org>, reject=550 5.7.1 Blocked}, {@code Milter: to=<b@example.org>, reject=...},
 * {@code Milter: data, reject=554 5.7.1 Spam}, {@code Milter: connect: host=h, addr=192.0.2.1,
 * reject=554 5.7.1 Go away}, {@code Milter: helo=h, reject=...}, {@code milter=spamass,
 * action=eom, reject=550 5.7.1 Spam}, {@code milter=x, discard}, {@code milter=x, quarantine=...}.
 * A {@code reject} or {@code tempfail} is emitted as {@link MilterReject}, a
 * {@link dev.mailtrace.event.Rejection}.
 *
 * @param queueId the queue id, or null
 * @param milter the filter's name, or null when not logged
 * @param action reject, tempfail, discard, quarantine, accept, add, change, delete, insert, chgfrom, ...
 *     or null for a state message
 * @param stage CONNECT, HELO, MAIL, RCPT, DATA, END-OF-MESSAGE, or the milter command as logged, or null
 * @param target what an add/change/delete acts on: {@code header}, {@code rcpt}, {@code body}, or null
 * @param headerName the header's name, or null
 * @param headerValue the header's (new) value, or null
 * @param address the address of {@code from=}/{@code to=} or of an added/deleted recipient, or null
 * @param peer the client of {@code connect: host=, addr=}, or null
 * @param helo {@code helo=}, or null
 * @param code the reply code of a reject, or -1
 * @param dsn the enhanced status code of a reject, or null
 * @param reasonText the reject text without code and DSN, or null
 * @param response {@code reject=} or {@code quarantine=} as logged, or null
 * @param message the text after the milter prefix
 */
public record Milter(String queueId, String milter, String action, String stage, String target, String headerName,
        String headerValue, String address, Peer peer, String helo, int code, String dsn, String reasonText,
        String response, String message) implements RejectionFields {

    /** {@code sendmail/milter}. */
    public static final EventType TYPE = F.type("milter",
            "a milter's action (reject, tempfail, discard, quarantine, add/change/delete header or rcpt) or state",
            F.QUEUE_ID, FieldSpec.keyword("milter", "the filter's name (Milter (name), milter=name)"),
            FieldSpec.keyword("action", "reject, tempfail, discard, quarantine, accept, add, change, delete, insert, ..."),
            F.STAGE, FieldSpec.keyword("target", "what an add/change/delete acts on: header, rcpt, body"),
            FieldSpec.keyword("header_name", "the header's name"), FieldSpec.text("header_value", "the header's value"),
            FieldSpec.keyword("address", "the address of from=/to= or of an added/deleted recipient"),
            F.peer("client", "client (connect: host=, addr=)"), FieldSpec.keyword("helo", "HELO name (helo=)"), F.CODE,
            F.DSN, F.DSN_MEANING, F.REASON_TEXT, F.REASON, F.RESPONSE, F.MESSAGE);

    /** Whether the milter refused (reject or tempfail). */
    public boolean refused() {
        return "reject".equals(action) || "tempfail".equals(action);
    }

    @Override
    public Client client() {
        return peer == null ? null : peer.toClient();
    }

    @Override
    public String sender() {
        return "MAIL".equals(stage) ? address : null;
    }

    @Override
    public String recipient() {
        return "RCPT".equals(stage) ? address : null;
    }

    @Override
    public RejectReason reason() {
        return Reasons.classify(code, dsn, reasonText != null ? reasonText : "milter " + action);
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.str(out, "milter", milter);
        F.str(out, "action", action);
        F.str(out, "stage", stage);
        F.str(out, "target", target);
        F.str(out, "header_name", headerName);
        F.str(out, "header_value", headerValue);
        F.str(out, "address", address);
        F.peer(out, "client", peer);
        F.str(out, "helo", helo);
        out.count("code", code);
        F.dsn(out, dsn);
        F.str(out, "reason_text", reasonText);
        if (refused()) {
            out.string("reason", reason().label());
        }
        F.str(out, "response", response);
        F.str(out, "message", message);
    }
}
