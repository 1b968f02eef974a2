package dev.mailtrace.trace;

import java.time.Instant;
import java.util.Objects;

import dev.mailtrace.event.DeliveryStatus;

/**
 * Where one recipient of a message ended: the last attempt on the last hop that had it.
 *
 * @param to the recipient
 * @param status the final status on that hop
 * @param host the host where it ended
 * @param queueId the queue id on that host
 * @param time the time of the last attempt
 * @param relay where that attempt went, or null
 * @param dsn its enhanced status code, or null
 * @param response its reply or reason text, or null
 * @param attempts how many attempts that hop made for the recipient
 * @param mailbox the folder the mailbox server stored it in ({@code INBOX}), when its log says; then
 *     {@code host} is the mailbox server's and {@code status} its outcome; else null
 */
public record RecipientOutcome(String to, DeliveryStatus status, String host, String queueId, Instant time,
        String relay, String dsn, String response, int attempts, String mailbox) {

    public RecipientOutcome {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(time, "time");
    }

    /** An outcome without mailbox (as records written before it existed). */
    public RecipientOutcome(String to, DeliveryStatus status, String host, String queueId, Instant time, String relay,
            String dsn, String response, int attempts) {
        this(to, status, host, queueId, time, relay, dsn, response, attempts, null);
    }
}
