package dev.mailtrace.trace;

import java.time.Instant;
import java.util.Objects;

import dev.mailtrace.event.Client;
import dev.mailtrace.event.RejectReason;

/**
 * A refusal during the SMTP dialogue or of a message's content (postfix {@code NOQUEUE: reject:
 * RCPT from ...}, a milter or header-check reject). A record of its own, because most refused
 * messages never get a queue id; one that has a queue id is also listed in its transaction.
 *
 * @param time when it was logged
 * @param host the host that refused
 * @param queueId the queue id if the message was queued already, or null ({@code NOQUEUE})
 * @param client the SMTP client, or null
 * @param stage the SMTP stage ({@code RCPT}, {@code MAIL}, {@code DATA}, {@code END-OF-MESSAGE}, {@code CONNECT}), or null
 * @param code the reply code, or -1
 * @param dsn the enhanced status code, or null
 * @param from the envelope sender, or null
 * @param to the recipient, or null
 * @param helo the HELO name, or null
 * @param reason the refusal classified
 * @param reasonText the refusal text as logged, or null
 */
public record Reject(Instant time, String host, String queueId, Client client, String stage, int code, String dsn,
        String from, String to, String helo, RejectReason reason, String reasonText) implements TraceRecord {

    public Reject {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String type() {
        return "reject";
    }

    /** Whether the refusal was temporary (4xx): greylisting, rate limits. */
    public boolean temporary() {
        return code >= 400 && code < 500;
    }
}
