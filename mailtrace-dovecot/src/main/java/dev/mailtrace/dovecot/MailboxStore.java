package dev.mailtrace.dovecot;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.MailboxDelivery;

/**
 * What LMTP, LDA or a sieve script did with a message for one user:
 * {@code lmtp(bob@example.org)<4242><Bp6VKJkD2l+LBQAAh/fGkg>: msgid=<a1@example.org>: saved mail to INBOX},
 * {@code ... sieve: msgid=<a1@example.org>: stored mail into mailbox 'Junk'},
 * {@code ... sieve: msgid=<...>: forwarded to <carol@example.net>}, sieve {@code discard},
 * {@code ... msgid=<...>: save failed to INBOX: Quota exceeded}. The end of the message's way: a
 * {@link MailboxDelivery}.
 *
 * @param service lmtp, lda, deliver (dovecot 1.x) or the mail process that ran sieve
 * @param user the mailbox owner (the login name dovecot logs), or null
 * @param session the delivery session id (dovecot's LMTP reply repeats it: {@code ... Saved}), or null
 * @param messageId the Message-ID without brackets, or null for {@code unspecified}
 * @param sieve whether a sieve script decided ({@code sieve:} lines)
 * @param action stored, kept, forwarded, discarded, rejected or failed
 * @param mailbox the folder, or null
 * @param forwardedTo the address a redirect forwarded to, or null
 * @param reason the error or rejection text, or null
 */
public record MailboxStore(String service, String user, String session, String messageId, boolean sieve,
        String action, String mailbox, String forwardedTo, String reason) implements MailboxDelivery {

    static final String STORED = "stored";
    static final String KEPT = "kept";
    static final String FORWARDED = "forwarded";
    static final String DISCARDED = "discarded";
    static final String REJECTED = "rejected";
    static final String FAILED = "failed";

    /** {@code dovecot/delivery}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "delivery",
            "LMTP/LDA or sieve stored, kept, forwarded, discarded or rejected a message for one user, or failed to",
            FieldSpec.keyword("service", "lmtp, lda, deliver, or the mail process that ran sieve"),
            DovecotLine.USER, FieldSpec.keyword("session", "delivery session id; dovecot's LMTP reply repeats it "
                    + "(250 2.0.0 <rcpt> SESSION Saved)"),
            F.MESSAGE_ID, FieldSpec.bool("sieve", "whether a sieve script decided"),
            FieldSpec.keyword("action", "stored, kept, forwarded, discarded, rejected or failed"),
            FieldSpec.keyword("mailbox", "the folder stored in or left in"),
            FieldSpec.keyword("forwarded_to", "the address a sieve redirect forwarded to"),
            FieldSpec.keyword("status", "the outcome: sent (stored, kept, forwarded), discarded, bounced (rejected) "
                    + "or deferred (failed)"),
            FieldSpec.text("reason", "the error or rejection text"));

    @Override
    public String recipient() {
        return user;
    }

    @Override
    public String sessionId() {
        return session;
    }

    @Override
    public DeliveryStatus status() {
        switch (action) {
            case DISCARDED: return DeliveryStatus.DISCARDED;
            case REJECTED: return DeliveryStatus.BOUNCED;
            case FAILED: return DeliveryStatus.DEFERRED;
            default: return DeliveryStatus.SENT;
        }
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    @Override
    public void writeFields(FieldWriter out) {
        F.str(out, "service", service);
        F.str(out, "user", user);
        F.str(out, "session", session);
        F.str(out, "message_id", messageId);
        F.flag(out, "sieve", sieve);
        F.str(out, "action", action);
        F.str(out, "mailbox", mailbox);
        F.str(out, "forwarded_to", forwardedTo);
        out.string("status", status().label());
        F.str(out, "reason", reason);
    }
}
