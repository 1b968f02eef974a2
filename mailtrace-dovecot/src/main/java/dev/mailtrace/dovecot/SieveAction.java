package dev.mailtrace.dovecot;

import dev.mailtrace.event.EventType;
import dev.mailtrace.event.FieldSpec;
import dev.mailtrace.event.FieldWriter;
import dev.mailtrace.event.LogEvent;

/**
 * A sieve action or result about a message that is not itself a delivery: a vacation reply sent
 * or suppressed, a duplicate forward dropped, a store skipped or aborted, and any other
 * {@code msgid=<...>:} line of LMTP, LDA or sieve: {@code lmtp(bob)<4242><Bp6V...>: sieve:
 * msgid=<a1@example.org>: sent vacation response to <alice@example.org>}.
 *
 * @param service lmtp, lda, deliver, or the mail process that ran sieve
 * @param user the mailbox owner, or null
 * @param session the delivery session id, or null
 * @param messageId the Message-ID without brackets, or null for {@code unspecified}
 * @param sieve whether the line came from sieve ({@code sieve:})
 * @param action vacation, vacation_suppressed, duplicate_forward_discarded, store_skipped,
 *     store_aborted or other
 * @param target the address in angle brackets the text names, or null
 * @param message the text after {@code msgid=<...>: }
 */
public record SieveAction(String service, String user, String session, String messageId, boolean sieve,
        String action, String target, String message) implements LogEvent {

    /** {@code dovecot/sieve_action}. */
    public static final EventType TYPE = F.eventType(DovecotDialect.NAME, "sieve_action",
            "a sieve action or other msgid= line that is not a delivery (vacation reply, duplicate forward, ...)",
            FieldSpec.keyword("service", "lmtp, lda, deliver, or the mail process that ran sieve"),
            DovecotLine.USER, DovecotLine.SESSION, F.MESSAGE_ID,
            FieldSpec.bool("sieve", "whether the line came from sieve"),
            FieldSpec.keyword("action", "vacation, vacation_suppressed, duplicate_forward_discarded, store_skipped, "
                    + "store_aborted or other"),
            FieldSpec.keyword("target", "the address the text names"), F.MESSAGE);

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
        F.str(out, "target", target);
        F.str(out, "message", message);
    }
}
