package dev.mailtrace.trace;

import java.time.Instant;
import java.util.Objects;

import dev.mailtrace.event.DeliveryStatus;
import dev.mailtrace.event.MailboxDelivery;

/**
 * What the mailbox server did with a transaction's message for one recipient, from a
 * {@link MailboxDelivery}: stored it in a folder, forwarded or discarded it, or failed to store it.
 * It belongs to the transaction that handed the message over (LMTP, local delivery), found by the
 * delivery session id that the LMTP reply repeats, else by Message-ID.
 *
 * @param time when the mailbox server logged it
 * @param host the mailbox server's host
 * @param to the transaction's recipient it was matched to, or null if none matched
 * @param user the mailbox owner as the mailbox server logged it (its login name)
 * @param mailbox the folder, or null
 * @param status {@code sent} for stored, kept or forwarded; {@code discarded}; {@code bounced} for a
 *     rejection by a mailbox filter; {@code deferred} when storing failed
 * @param forwardedTo for a forward: the new address, else null
 * @param sessionId the delivery session id, or null
 * @param reason why it failed or was rejected, else null
 */
public record MailboxResult(Instant time, String host, String to, String user, String mailbox, DeliveryStatus status,
        String forwardedTo, String sessionId, String reason) {

    public MailboxResult {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
    }

    /** This result matched to recipient {@code recipient}. */
    MailboxResult to(String recipient) {
        return new MailboxResult(time, host, recipient, user, mailbox, status, forwardedTo, sessionId, reason);
    }
}
