package dev.mailtrace.sendmail;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * The SMTP client's protocol error with a server (usersmtp.c): {@code pBFERI8l019936:
 * mx.example.net.: SMTP RCPT protocol error: 501 5.1.3 Bad recipient address syntax}, {@code ...:
 * SMTP DATA-1 protocol error: remote server returned response before final dot}.
 *
 * @param queueId the queue id, or null
 * @param relay the server
 * @param stage the protocol step: MAIL, RCPT, DATA-1, DATA-2, DATA-3
 * @param error the server's reply or the problem, as logged
 */
public record SmtpError(String queueId, Peer relay, String stage, String error) implements LogEvent {

    /** {@code sendmail/smtp_error}. */
    public static final EventType TYPE = F.type("smtp_error",
            "the SMTP client's protocol error with a server (SMTP MAIL/RCPT/DATA protocol error)",
            F.QUEUE_ID, F.peer("relay", "server"), FieldSpec.keyword("smtp_stage", "MAIL, RCPT, DATA-1, DATA-2, DATA-3"),
            F.ERROR);

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "queue_id", queueId);
        F.peer(out, "relay", relay);
        F.str(out, "smtp_stage", stage);
        F.str(out, "error", error);
    }
}
